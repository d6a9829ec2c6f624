// Appointments: free slots, booking and cancelling (integration clients and staff), the day's list (JSON or
// CSV), check-in at the kiosk or by staff, and the admin's CSV import.
import type { Appointment } from '@foleni/shared';
import type { AppContext } from '../app-context.js';
import type { HandlersOf } from '../http/operations.js';
import { withStatus } from '../http/operations.js';
import { toCsv } from '../reports/csv.js';

type AppointmentOperation =
  | 'appointmentSlots'
  | 'createAppointment'
  | 'listAppointments'
  | 'getAppointment'
  | 'cancelAppointment'
  | 'checkInAppointment'
  | 'importAppointments';

const LIST_COLUMNS = ['Slot', 'Service', 'Reference', 'Name', 'Phone', 'Status', 'Channel', 'Ticket'];

export function appointmentHandlers(ctx: AppContext): HandlersOf<AppointmentOperation> {
  const appointments = ctx.appointments;
  return {
    appointmentSlots: ({ query }) => ({ items: appointments.slots(query.serviceId, query.date, query.days) }),

    async createAppointment({ body, actor }) {
      const { appointment, created } = await appointments.create(body, actor);
      const answer = { appointment: appointments.view(appointment) };
      return created ? answer : withStatus(200, answer);
    },

    listAppointments({ query, res }) {
      const items = appointments.list(query.date, { serviceId: query.serviceId, phone: query.phone }).map((a) => appointments.view(a));
      if (query.format !== 'csv') return { items };
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      const code = ctx.centre.get().code.replace(/[^A-Za-z0-9_-]+/g, '-') || 'centre';
      res.setHeader('Content-Disposition', `attachment; filename="foleni-${code}-bookings-${query.date}.csv"`);
      res.send(listCsv(ctx, items));
      return undefined;
    },

    getAppointment: ({ params }) => ({ appointment: appointments.view(appointments.find(params.reference)) }),

    async cancelAppointment({ params }) {
      return { appointment: appointments.view(await appointments.cancel(params.reference)) };
    },

    async checkInAppointment({ params, body, actor }) {
      const kiosk = actor.kind === 'device' ? actor.device : null;
      const { ticket, print, appointment, created } = await appointments.checkIn(params.reference, actor, kiosk, body.lang);
      if (created) ctx.log.info('booking checked in', { reference: appointment.reference, ticket: ticket.label, device: kiosk?.id ?? null });
      const answer = { ticket: ctx.views.issuedTicket(ticket), print, appointment: appointments.view(appointment) };
      return created ? answer : withStatus(200, answer);
    },

    async importAppointments({ body, actor }) {
      const result = await appointments.importCsv(body.csv, actor);
      ctx.log.info('bookings imported', { booked: result.booked, unchanged: result.unchanged, refused: result.refused.length });
      return result;
    },
  };
}

/** The day's list to print or open in a spreadsheet: times in the centre's zone, phones masked as in answers. */
function listCsv(ctx: AppContext, items: Appointment[]): string {
  const { timezone } = ctx.centre.get();
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const ticketLabel = (id: string | null) => (id === null ? '' : (ctx.repos.tickets.byId(id)?.label ?? ''));
  const rows = items.map((a) => [
    `${a.day} ${time.format(Date.parse(a.slotStart))}`,
    ctx.repos.services.getAny(a.serviceId)?.code ?? '',
    a.reference,
    a.name ?? '',
    a.phone ?? '',
    a.status,
    a.channel,
    ticketLabel(a.ticketId),
  ]);
  return toCsv(LIST_COLUMNS, rows);
}
