// Booked appointments (docs/architecture.md, "Appointments"): a service's booking settings, the booking
// itself, its slots, and the bodies and answers of the appointment operations.
import { z } from 'zod';
import { CalendarDay, Id, IsoTime, Lang } from './domain.js';

/** References are read over the phone and typed on a kiosk: no letters or digits that look alike. */
export const REFERENCE_ALPHABET = 'ACDEFHJKMNPRTUVWXY3479';
export const REFERENCE_LENGTH = 6;

export const APPOINTMENT_STATUSES = ['booked', 'checked_in', 'served', 'no_show', 'cancelled'] as const;
export const AppointmentStatus = z.enum(APPOINTMENT_STATUSES);
export type AppointmentStatus = z.infer<typeof AppointmentStatus>;

export const APPOINTMENT_CHANNELS = ['ehuduma', 'mobile', 'contact_centre', 'staff', 'import'] as const;
export const AppointmentChannel = z.enum(APPOINTMENT_CHANNELS);
export type AppointmentChannel = z.infer<typeof AppointmentChannel>;

/** A reference as typed or scanned: case, spaces and dashes do not matter. */
export const BookingReference = z
  .string()
  .max(40)
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(new RegExp(`^[${REFERENCE_ALPHABET}]{${REFERENCE_LENGTH}}$`), `a reference is ${REFERENCE_LENGTH} characters of ${REFERENCE_ALPHABET}`));

export const Appointment = z.object({
  id: Id,
  reference: z.string(),
  serviceId: Id,
  slotStart: IsoTime,
  slotEnd: IsoTime,
  status: AppointmentStatus,
  channel: AppointmentChannel,
  name: z.string().optional(),
  /** Masked (`+2547•••••123`): the full number is personal data and never leaves the server. */
  phone: z.string().optional().describe('masked, like +2547•••••123'),
  externalRef: z.string().optional(),
  /** The citizen's language: reminders and the checked-in ticket speak it. */
  lang: Lang,
  /** The ticket of its check-in; null until then. */
  ticketId: Id.nullable(),
  /** The centre's day of the slot (YYYY-MM-DD). */
  day: z.string(),
  createdAt: IsoTime,
  checkedInAt: IsoTime.nullable(),
});
export type Appointment = z.infer<typeof Appointment>;

/**
 * `appointment:updated`, to staff only: a booking was made, cancelled or checked in (the Bookings page's list
 * follows it). The phone is left out: a number is never in a push. Carries the current seq, not advancing it.
 */
export const AppointmentEvent = z.object({
  seq: z.number().int(),
  at: IsoTime,
  change: z.enum(['booked', 'cancelled', 'checked_in']),
  appointment: Appointment.omit({ phone: true }),
});
export type AppointmentEvent = z.infer<typeof AppointmentEvent>;

export const Slot = z.object({
  start: IsoTime,
  end: IsoTime,
  capacity: z.number().int(),
  booked: z.number().int(),
  available: z.number().int(),
});
export type Slot = z.infer<typeof Slot>;

export const SlotsQuery = z.strictObject({
  serviceId: Id,
  date: CalendarDay,
  /** More days from `date` on, for a calendar (a month at most). */
  days: z.coerce.number().int().min(1).max(31).default(1).describe('days from date on (1–31, default 1)'),
});
export type SlotsQuery = z.infer<typeof SlotsQuery>;

const ExternalRef = z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9_.:\/-]+$/, 'an external reference holds letters, digits and _ . : / -');

export const CreateAppointmentBody = z.strictObject({
  serviceId: Id,
  /** The start of a slot on the service's grid (GET /appointments/slots), any offset. */
  slotStart: IsoTime,
  name: z.string().trim().min(1).max(80).optional(),
  /** A Kenyan mobile number in any common form; stored as E.164 (400 invalid-phone otherwise). */
  phone: z.string().max(40).optional(),
  /** Defaults to `staff` for staff and `ehuduma` for an integration client; `import` is the CSV import's own. */
  channel: AppointmentChannel.exclude(['import']).optional(),
  /** The caller's own id for the booking: the same again answers the same booking (200), so retries are safe. */
  externalRef: ExternalRef.optional(),
  /** The citizen's language for reminders and the ticket; the centre's first when left out. */
  lang: Lang.optional(),
});
export type CreateAppointmentBody = z.infer<typeof CreateAppointmentBody>;

/** A check-in: the kiosk sends the language the citizen used, which becomes the booking's; staff send nothing. */
export const CheckInBody = z.strictObject({ lang: Lang.optional() });
export type CheckInBody = z.infer<typeof CheckInBody>;

export const AppointmentsQuery = z.strictObject({
  date: CalendarDay,
  serviceId: Id.optional(),
  /** Find a caller's bookings by their number, in any common form. */
  phone: z.string().max(40).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export type AppointmentsQuery = z.infer<typeof AppointmentsQuery>;

/** The import takes at most this much CSV text, in this many rows: a day's bookings, not a database. */
export const IMPORT_MAX_BYTES = 1_000_000;
export const IMPORT_MAX_ROWS = 5000;

/**
 * POST /admin/appointments/import: the CSV as text inside JSON (the API takes JSON bodies only). Columns, with
 * or without a header row: service code, slot start in the centre's time (`YYYY-MM-DD HH:MM`), reference,
 * name, phone.
 */
export const ImportAppointmentsBody = z.strictObject({ csv: z.string().min(1) });
export type ImportAppointmentsBody = z.infer<typeof ImportAppointmentsBody>;

export const ImportResult = z.object({
  booked: z.number().int(),
  unchanged: z.number().int(),
  /** Rows not booked: `row` counts from 1 at the file's first line. */
  refused: z.array(z.object({ row: z.number().int(), reason: z.string() })),
});
export type ImportResult = z.infer<typeof ImportResult>;

/** Today's bookings of one service, on the manager's dashboard. */
export const BookingFigures = z.object({
  expected: z.number().int().describe("today's bookings not cancelled"),
  arrived: z.number().int().describe('checked in (served included)'),
  served: z.number().int(),
  noShows: z.number().int(),
  nextHour: z.number().int().describe('booked, not yet checked in, whose slot starts within the next hour'),
});
export type BookingFigures = z.infer<typeof BookingFigures>;

/** Walk-ins and bookings side by side in a report (and its CSV). */
export const ArrivalFigures = z.object({
  issued: z.number().int(),
  served: z.number().int(),
  noShows: z.number().int(),
  medianWaitMinutes: z.number().nullable(),
  /** Bookings only: of those checked in and called, the share called before their slot ended plus its grace. */
  honouredShare: z.number().nullable(),
  /** Bookings only: never checked in by the end of their grace. */
  bookingNoShows: z.number().int(),
});
export type ArrivalFigures = z.infer<typeof ArrivalFigures>;
