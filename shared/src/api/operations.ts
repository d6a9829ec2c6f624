// The HTTP API v1, each operation written once: method, path, who may call, query, body, header and answer.
// The server mounts its handlers from this table (server/src/http/operations.ts), the OpenAPI document is
// generated from it (server/src/http/openapi.ts) and the screens call the client derived from it
// (`createApi` in @foleni/shared/client). Add an operation here and its handler there; see docs/architecture.md.
import { z } from 'zod';
import { Centre, Counter, Device, Id, IsoTime, Lang, PrintResult, PublicTicket, Service, ServiceWithQueue, Ticket, User } from '../domain.js';
import { PublicCentre } from '../events.js';
import { CreateJourneyBody, EndJourneyBody, Journey, JourneyStepBody, JourneyWithSteps, UpdateJourneyBody } from '../journeys.js';
import {
  CallTicketBody,
  ChangePasswordBody,
  CreateCounterBody,
  CreateDeviceBody,
  CreateServiceBody,
  CreateUserBody,
  EventsQuery,
  FeedbackBody,
  FeedbackCommentBody,
  IdempotencyKey,
  IssueTicketBody,
  LoginBody,
  PairDeviceBody,
  RebuildBody,
  ReportQuery,
  TransferBody,
  UpdateCentreBody,
  UpdateCounterBody,
  UpdateDeviceBody,
  UpdateServiceBody,
  UpdateUserBody,
} from '../requests.js';
import { ClerkDay, LiveStats, Report } from '../stats.js';
import { HqFeedStatus } from '../hq/feed-status.js';
import { Appointment, AppointmentsQuery, CheckInBody, CreateAppointmentBody, ImportAppointmentsBody, ImportResult, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, Slot, SlotsQuery } from '../appointments.js';
import {
  Attendance,
  AttendanceQuery,
  CounterPause,
  DeskFindQuery,
  DeskIssueBody,
  DeskMoveBody,
  DeskNoteBody,
  DeskPrinter,
  DeskReprintBody,
  DeskSettings,
  DeskTicket,
  OnMyWay,
  OnMyWayBody,
  PauseBody,
  UpdateDeskSettingsBody,
} from '../desk.js';
import { CentreSetup, SetupLoaded } from '../setup.js';
import { SetPhoneBody, SmsDeliveryQuery, SmsDeliveryReport, SmsMessage, SmsOverview, SmsSettings, SmsTestBody, UpdateSmsSettingsBody } from '../sms.js';
import { HelpRequest } from '../kiosk-help.js';
import { operation } from './operation.js';
import type { Operation } from './operation.js';

const items = <T extends z.ZodType>(schema: T) => z.object({ items: z.array(schema) });
const Ok = z.object({ ok: z.literal(true) });
const TicketAnswer = z.object({ ticket: Ticket });
const CounterAnswer = z.object({ counter: Counter });
const PrintAnswer = z.object({ print: PrintResult });
const AppointmentAnswer = z.object({ appointment: Appointment });

/** GET /auth/me: the signed-in user and the counter they hold, or the paired device asking. */
export const Me = z.union([
  z.object({ user: User, counterId: Id.nullable(), lang: Lang.nullable().describe('the language the user reads staff pages in; null until chosen') }),
  z.object({ device: Device }),
]);
export type Me = z.infer<typeof Me>;

/** GET /queue: waiting tickets per service, in routing order. */
export const QueueLine = z.object({ serviceId: Id, code: z.string(), tickets: z.array(Ticket) });
export type QueueLine = z.infer<typeof QueueLine>;

/** GET /me/routing: what a counter screen orders its waiting list by (ranks include the head start already). */
export const RoutingSettings = z.object({ priorityHeadStartMinutes: z.number(), preferenceBonusMinutes: z.number() });
export type RoutingSettings = z.infer<typeof RoutingSettings>;

/** One line of the admin's audit log: who changed what, and when (ms since the epoch). */
export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.number().int(),
  userId: Id.nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  data: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditQuery = z.strictObject({
  before: z.coerce.number().int().positive().optional().describe('the id of the oldest entry already shown'),
});

/** GET /admin/warnings: what an admin should put right, shown on the settings pages. */
export const AdminWarnings = z.object({
  demoAccountsExposed: z
    .boolean()
    .describe("true: some active account still has the demo's published password while the server listens beyond this machine (FOLENI_HOST is not a loopback address)"),
  demoAccounts: z.array(z.string()).describe("usernames of active accounts whose password is still the demo's, wherever the server listens"),
});
export type AdminWarnings = z.infer<typeof AdminWarnings>;

/** The address printed on tickets, where it comes from, and why phones may not reach it. */
export const TicketAddressAnswer = z.object({
  url: z.string(),
  source: z.enum(['centre', 'environment', 'network']).describe('centre: set on the Centre page; environment: FOLENI_PUBLIC_URL; network: this machine\'s LAN address, read again every 30 s'),
  warning: z.string().nullable(),
});
export type TicketAddressAnswer = z.infer<typeof TicketAddressAnswer>;

export const RestoreBackupBody = z.strictObject({ file: z.string().regex(/^foleni-[A-Za-z0-9_-]+-\d{4}-\d{2}-\d{2}-\d{4}\.db$/, 'a backup of the backup folder, foleni-<centre>-YYYY-MM-DD-HHMM.db') });

/** Backups by themselves (FOLENI_BACKUP_DIR): the folder, the schedule, the last one and what is wrong. */
export const BackupStatus = z.object({
  dir: z.string().nullable().describe('null: FOLENI_BACKUP_DIR is not set, no backup is written by itself'),
  everyHours: z.number(),
  keep: z.number().int(),
  last: z.object({ file: z.string(), at: IsoTime, bytes: z.number().int() }).nullable(),
  lastError: z.string().nullable(),
  files: z.array(z.object({ file: z.string(), at: IsoTime, bytes: z.number().int() })),
  freeBytes: z.number().nullable(),
  problem: z.string().nullable().describe('the folder is missing, not writable or nearly full; null when all is well'),
});
export type BackupStatus = z.infer<typeof BackupStatus>;

/** The centre as anyone may read it. */
export const PublicCentreAnswer = z.object({ centre: PublicCentre });

/**
 * A one-time pairing link: a screen that opens it exchanges its code once for the device's token
 * (POST /devices/pair). Only the code's hash is kept, so the link is shown this once.
 */
export const Pairing = z.object({
  code: z.string(),
  url: z.string().describe('the screen address carrying the code: /kiosk?pair=<code> or /display?pair=<code>; for an integration client, the address its backend POSTs {code} to (/api/v1/devices/pair)'),
  expiresAt: IsoTime,
});
export type Pairing = z.infer<typeof Pairing>;
export const DeviceWithPairing = z.object({ device: Device, pairing: Pairing });

const PAIRING_REFUSALS = {
  404: 'pairing-code-unknown: no device has this code (mistyped, or replaced by a newer link, or the device was revoked)',
  410: 'pairing-code-used: the code was already exchanged (a code pairs one screen, once). pairing-code-expired: the code is older than its validity (15 minutes). Either way the admin makes a new pairing link',
};

/** A ticket is printed again at most this many times (every reprint job counts, whoever asked). */
export const REPRINT_LIMIT = 3;
/** A kiosk may reprint a ticket it issued for this long: the citizen is still standing at it. */
export const KIOSK_REPRINT_MINUTES = 5;
/** Feedback is taken for this long after the visit is done; later, memories (and links passed on) are stale. */
export const FEEDBACK_DAYS = 7;

const FEEDBACK_KEY_REFUSAL = {
  403: "citizen-only: a staff session or a device token. feedback-key: the ticket has a feedback key and the body's key is missing or wrong (the key is only in the citizen's tracking link: the printed QR and the issue answer)",
};

const ISSUE_CONFLICTS =
  "centre-closed: a kiosk outside the centre's opening hours (after hours, a weekday without hours, or one of openingHours.closedDates) while the centre's openingHours.kiosksOnlyWhenOpen is on (staff may still issue; details carry timezone, the centre's day, closed: before|after|all-day, today's hours or null, closedDate, next: {day, weekday, opens, closes, inDays} or null, and the server's now; a retry with the Idempotency-Key of a ticket this kiosk already made still gets it). idempotency-key-reused: the key was sent before with another service or priority, or by another caller (a key belongs to the kiosk or staff user that sent it first). service-inactive: the service takes no tickets now. service-not-served: a kiosk asked for a service no active counter is assigned to, so nobody could call the ticket (staff may still issue; a retry with the Idempotency-Key of a ticket this kiosk already made still gets it)";

const step = (path: string, summary: string) =>
  operation({ method: 'post', path: `/tickets/{ticketId}/${path}`, summary, who: ['clerk', 'manager'], response: TicketAnswer });
const counterStatus = <P extends string>(path: P, summary: string) =>
  operation({ method: 'post', path: `/counters/{counterId}/${path}` as `/counters/{counterId}/${P}`, summary, who: ['clerk', 'manager'], response: CounterAnswer });

/** The five admin operations of a kind of thing; answers carry it under its singular name. */
function crud<const N extends string, const One extends string, C extends z.ZodType, U extends z.ZodType, S extends z.ZodType>(
  name: N,
  one: One,
  create: C,
  update: U,
  shape: S,
) {
  const answer = z.object({ [one]: shape } as { [k in One]: S });
  const who = ['admin'] as const;
  return {
    list: operation({ method: 'get', path: `/admin/${name}` as `/admin/${N}`, summary: `List ${name}`, who, response: items(shape) }),
    create: operation({ method: 'post', path: `/admin/${name}` as `/admin/${N}`, summary: `Create a ${one}`, who, body: create, response: answer, status: 201 }),
    get: operation({ method: 'get', path: `/admin/${name}/{id}` as `/admin/${N}/{id}`, summary: `One ${one}`, who, response: answer }),
    update: operation({ method: 'patch', path: `/admin/${name}/{id}` as `/admin/${N}/{id}`, summary: `Change a ${one}`, who, body: update, response: answer }),
    remove: operation({ method: 'delete', path: `/admin/${name}/{id}` as `/admin/${N}/{id}`, summary: `Deactivate a ${one}`, who, response: answer }),
  };
}
const services = crud('services', 'service', CreateServiceBody, UpdateServiceBody, Service);
const counters = crud('counters', 'counter', CreateCounterBody, UpdateCounterBody, Counter);
const users = crud('users', 'user', CreateUserBody, UpdateUserBody, User);
const devices = crud('devices', 'device', CreateDeviceBody, UpdateDeviceBody, Device);

// ---- journeys: one visit of several services, one ticket (docs/decisions/0022-journeys.md) ----
const journeys = crud('journeys', 'journey', CreateJourneyBody, UpdateJourneyBody, Journey);
const JOURNEY_REFUSALS = {
  400: 'invalid-body: fewer than 2 or more than 6 steps, the same service twice in a row, a code or name missing. unknown-service: a step names no service. service-inactive: a step names a service that takes no tickets',
  409: 'journey-code-taken: another journey has this code',
};
const JOURNEY_OPERATIONS = {
  listJourneys: operation({
    method: 'get',
    path: '/journeys',
    summary: "Active journeys (several services in order, one ticket) with each step's service, and whether a counter serves every step (kiosks offer only those)",
    who: ['anyone'],
    response: items(JourneyWithSteps),
  }),
  adminListJourneys: journeys.list,
  adminCreateJourney: operation({ ...journeys.create, errors: JOURNEY_REFUSALS }),
  adminGetJourney: journeys.get,
  adminUpdateJourney: operation({ ...journeys.update, summary: 'Change a journey; tickets already on it keep the steps they were issued with', errors: JOURNEY_REFUSALS }),
  adminDeleteJourney: operation({ ...journeys.remove, summary: 'Deactivate a journey (kiosks stop offering it; tickets on it go on)' }),
  journeyStepTicket: operation({
    method: 'post',
    path: '/tickets/{ticketId}/journey-step',
    summary: 'Send a called or served ticket to another step of its journey (skip ahead or go back), keeping its place',
    who: ['clerk', 'manager'],
    body: JourneyStepBody,
    response: TicketAnswer,
    errors: { 409: 'not-on-journey, no-such-step, same-step, wrong-state' },
  }),
  endJourneyTicket: operation({
    method: 'post',
    path: '/tickets/{ticketId}/end-journey',
    summary: 'End the journey of a called or served ticket here, before its last step, with a note saying why: the visit is done',
    who: ['clerk', 'manager'],
    body: EndJourneyBody,
    response: TicketAnswer,
    errors: { 409: 'not-on-journey, wrong-state' },
  }),
};

export const OPERATIONS = {
  // ---- anyone ----
  openapi: operation({ method: 'get', path: '/openapi.json', summary: 'This document', who: ['anyone'], produces: 'application/json' }),
  health: operation({ method: 'get', path: '/health', summary: 'Liveness and version', who: ['anyone'], response: z.object({ ok: z.boolean(), version: z.string() }) }),
  getCentre: operation({ method: 'get', path: '/centre', summary: 'Centre name, languages, hours, notices', who: ['anyone'], response: PublicCentreAnswer }),
  listServices: operation({
    method: 'get',
    path: '/services',
    summary: 'Active services with waiting count, estimated wait, open counters, and whether any counter is assigned to each (kiosks offer only those)',
    who: ['anyone'],
    response: items(ServiceWithQueue),
  }),

  // ---- sign-in ----
  login: operation({
    method: 'post',
    path: '/auth/login',
    summary: 'Sign in; sets an httpOnly session cookie and returns the same token for Bearer use',
    who: ['anyone'],
    body: LoginBody,
    response: z.object({ user: User, token: z.string() }),
  }),
  pairDevice: operation({
    method: 'post',
    path: '/devices/pair',
    summary: "Exchange a pairing code, once, for its device's token; the screen keeps the token and the device's previous token stops working",
    who: ['anyone'],
    body: PairDeviceBody,
    response: z.object({ token: z.string(), device: Device }),
    errors: PAIRING_REFUSALS,
  }),
  logout: operation({ method: 'post', path: '/auth/logout', summary: 'Sign out (and clear the cookie); harmless when not signed in', who: ['anyone'], status: 204, noContent: true }),
  changePassword: operation({
    method: 'post',
    path: '/auth/password',
    summary:
      "Change your own password: the current one is checked (400 wrong-password, throttled as sign-ins are), the new one must pass the rules of an admin's reset (400 invalid-body), and your other sessions are signed out",
    who: ['staff'],
    body: ChangePasswordBody,
    status: 204,
    noContent: true,
  }),
  me: operation({ method: 'get', path: '/auth/me', summary: 'The signed-in user and the counter they hold (or the paired device)', who: ['staff', 'kiosk', 'display'], response: Me }),

  // ---- tickets ----
  issueTicket: operation({
    method: 'post',
    path: '/tickets',
    summary: 'Issue a ticket. Send an Idempotency-Key header so a retried tap returns the same ticket (200)',
    who: ['kiosk', 'staff'],
    body: IssueTicketBody,
    header: {
      name: 'Idempotency-Key',
      key: 'idempotencyKey',
      description: 'One per tap: a request sent again with the same key returns the ticket it made (200) instead of a new one',
      schema: IdempotencyKey,
    },
    response: z.object({ ticket: Ticket, print: PrintResult, phone: z.string().optional().describe('the SMS number given, masked: +2547•••••123') }),
    status: 201,
    errors: { 400: 'invalid-phone: phone is not a Kenyan mobile number (nothing is issued)', 409: ISSUE_CONFLICTS },
  }),
  getTicket: operation({ method: 'get', path: '/tickets/{ticketId}', summary: 'A ticket as its holder sees it', who: ['ticket holder'], response: z.object({ ticket: PublicTicket }) }),
  recallTicket: step('recall', 'Call the ticket again'),
  startTicket: step('start', 'The customer has come to the counter: serving starts'),
  completeTicket: step('complete', 'Served'),
  noShowTicket: step('no-show', 'The customer did not come'),
  requeueTicket: step('requeue', 'Put a no-show back in line, in its old place'),
  cancelTicket: step('cancel', 'Cancel a waiting ticket'),
  transferTicket: operation({
    method: 'post',
    path: '/tickets/{ticketId}/transfer',
    summary: 'Send to another service, keeping the place',
    who: ['clerk', 'manager'],
    body: TransferBody,
    response: TicketAnswer,
  }),
  reprintTicket: operation({
    method: 'post',
    path: '/tickets/{ticketId}/reprint',
    summary: `Print the ticket again, at most ${REPRINT_LIMIT} times: by the clerk of the counter that holds it or last held it, a manager, or the kiosk that issued it within ${KIOSK_REPRINT_MINUTES} minutes`,
    who: ['kiosk', 'clerk', 'manager'],
    response: PrintAnswer,
    errors: {
      403: 'not-your-ticket: a clerk whose counter neither holds nor last held the ticket. not-your-kiosk: a kiosk that did not issue it, or more than a few minutes ago',
      409: `reprint-limit: the ticket was reprinted ${REPRINT_LIMIT} times already (managers included)`,
    },
  }),
  giveFeedback: operation({
    method: 'post',
    path: '/tickets/{ticketId}/feedback',
    summary: `Rate the visit once, after it is done and within ${FEEDBACK_DAYS} days: from the citizen's tracker only, with the feedback key of its link`,
    who: ['citizen'],
    body: FeedbackBody,
    response: Ok,
    status: 201,
    errors: {
      ...FEEDBACK_KEY_REFUSAL,
      409: `not-done: the visit is not complete. feedback-closed: the visit was done more than ${FEEDBACK_DAYS} days ago. feedback-given: already rated`,
    },
  }),
  addFeedbackComment: operation({
    method: 'patch',
    path: '/tickets/{ticketId}/feedback',
    summary: `Add a comment to the rating, once, within ${FEEDBACK_DAYS} days of the visit; from the citizen's tracker only, with the feedback key of its link`,
    who: ['citizen'],
    body: FeedbackCommentBody,
    response: Ok,
    errors: {
      ...FEEDBACK_KEY_REFUSAL,
      409: `no-rating: before a rating. comment-given: after a comment. feedback-closed: the visit was done more than ${FEEDBACK_DAYS} days ago`,
    },
  }),

  // ---- SMS (notifications): a citizen's number on a ticket, messages, settings; docs/architecture.md "SMS" ----
  setTicketPhone: operation({
    method: 'post',
    path: '/tickets/{ticketId}/phone',
    summary: 'Add or change the mobile number an open ticket of today gets its SMS on; answered masked',
    who: ['clerk', 'manager'],
    body: SetPhoneBody,
    response: z.object({ phone: z.string().describe('masked: +2547•••••123') }),
    errors: { 400: 'invalid-phone: not a Kenyan mobile number (letters, too short or long, a landline)', 409: 'ticket-closed: the ticket is done, cancelled or of an earlier day' },
  }),
  readyToCollect: operation({
    method: 'post',
    path: '/tickets/{ticketId}/ready',
    summary: 'Text the citizen that their document is ready to collect (once per ticket)',
    who: ['clerk', 'manager'],
    response: z.object({ message: SmsMessage }),
    status: 201,
    errors: { 409: 'no-phone: the ticket has no number (none given, or erased at the day close). sms-kind-off: the admin turned "ready" off. already-sent: this ticket was told once already' },
  }),
  smsDelivery: operation({
    method: 'post',
    path: '/sms/delivery',
    summary:
      "Africa's Talking's delivery report, form-encoded as it posts them (id, status, failureReason…): Success → delivered, Failed or Rejected → failed. The URL registered at Africa's Talking carries `?key=` FOLENI_SMS_CALLBACK_KEY",
    who: ['anyone'],
    query: SmsDeliveryQuery,
    body: SmsDeliveryReport,
    errors: { 403: 'forbidden: the key is missing or wrong (nothing changes)' },
    form: true,
    response: Ok,
  }),
  smsOverview: operation({ method: 'get', path: '/sms', summary: "Today's messages by status, the gateway's state and the settings", who: ['manager'], response: SmsOverview }),
  smsMessages: operation({ method: 'get', path: '/sms/messages', summary: "Today's messages, newest first, numbers masked (the log gateway's list)", who: ['manager'], response: items(SmsMessage) }),
  updateSmsSettings: operation({ method: 'patch', path: '/admin/sms', summary: 'Change the SMS settings: "near" N and the kinds sent', who: ['admin'], body: UpdateSmsSettingsBody, response: z.object({ settings: SmsSettings }) }),
  sendTestSms: operation({
    method: 'post',
    path: '/admin/sms/test',
    summary: 'Queue a test message to a number through the gateway in use',
    who: ['admin'],
    body: SmsTestBody,
    response: z.object({ message: SmsMessage }),
    status: 201,
    errors: { 400: 'invalid-phone: not a Kenyan mobile number' },
  }),

  // ---- counters ----
  getQueue: operation({ method: 'get', path: '/queue', summary: 'Waiting tickets per service, in routing order', who: ['staff'], response: items(QueueLine) }),
  listCounters: operation({ method: 'get', path: '/counters', summary: 'Counters with status and clerk', who: ['staff'], response: items(Counter) }),
  getCounter: operation({ method: 'get', path: '/counters/{counterId}', summary: 'One counter', who: ['staff'], response: CounterAnswer }),
  openCounter: counterStatus('open', 'Open the counter (or resume after a pause)'),
  pauseCounter: operation({ ...counterStatus('pause', 'Pause the counter, with a reason key from the desk settings (GET /desk/settings)'), body: PauseBody }),
  closeCounter: counterStatus('close', 'Close the counter'),
  callNext: operation({
    method: 'post',
    path: '/counters/{counterId}/call-next',
    summary: 'Call the next ticket by the routing rule; 204 when nobody waits',
    who: ['clerk', 'manager'],
    response: TicketAnswer,
    noContent: true,
  }),
  callTicket: operation({
    method: 'post',
    path: '/counters/{counterId}/call',
    summary: 'Call one waiting ticket out of order',
    who: ['clerk', 'manager'],
    body: CallTicketBody,
    response: TicketAnswer,
  }),

  // ---- appointments (bookings from eHuduma, the Mobile app, the Contact Centre; checked in at the kiosk) ----
  // `slots` before `{reference}`: routes are mounted in this order and "slots" would pass for a reference.
  appointmentSlots: operation({
    method: 'get',
    path: '/appointments/slots',
    summary: "A bookable service's slots of a day (or of `days` days from it), cut from the centre's opening hours, with their free places",
    who: ['integration', 'staff'],
    query: SlotsQuery,
    response: items(Slot),
    errors: { 404: 'not-found: no such service', 409: 'booking-not-offered: the service takes no bookings' },
  }),
  createAppointment: operation({
    method: 'post',
    path: '/appointments',
    summary: 'Book a place in a slot. The same externalRef again answers 200 with the same booking, so a retry is safe',
    who: ['integration', 'staff'],
    body: CreateAppointmentBody,
    response: AppointmentAnswer,
    status: 201,
    errors: {
      400: 'invalid-phone: not a Kenyan mobile number. invalid-body: as always',
      404: 'not-found: no such service',
      409: "slot-full: the slot has no place left. outside-hours: slotStart is not the start of one of the service's slots (off the grid, in the past, outside the day's hours or on a closed day). booking-not-offered: the service takes no bookings (or is inactive)",
    },
  }),
  listAppointments: operation({
    method: 'get',
    path: '/appointments',
    summary: "A day's bookings in slot order, as JSON or (format=csv) a CSV file to print or download; phone finds a caller's",
    who: ['staff'],
    query: AppointmentsQuery,
    response: items(Appointment),
    produces: 'text/csv',
  }),
  getAppointment: operation({
    method: 'get',
    path: '/appointments/{reference}',
    summary: 'One booking by its reference',
    who: ['integration', 'staff'],
    response: AppointmentAnswer,
    errors: { 404: 'not-found: no booking has this reference' },
  }),
  cancelAppointment: operation({
    method: 'post',
    path: '/appointments/{reference}/cancel',
    summary: 'Cancel a booking not yet checked in; its place in the slot is free again (cancelling again answers the same)',
    who: ['integration', 'staff'],
    response: AppointmentAnswer,
    errors: { 404: 'not-found: no booking has this reference', 409: 'appointment-checked-in: the citizen has already checked in (cancel the ticket instead). appointment-closed: the booking is served or a no-show' },
  }),
  checkInAppointment: operation({
    method: 'post',
    path: '/appointments/{reference}/check-in',
    summary:
      "Check a booking in: a ticket (source appointment) that is called near the slot's time, printed on the kiosk that asked; again: 200 with the same ticket. `lang` (the kiosk's language) becomes the booking's and the ticket's; left out, the booking's",
    who: ['kiosk', 'staff'],
    body: CheckInBody,
    response: z.object({ ticket: Ticket, print: PrintResult, appointment: Appointment }),
    status: 201,
    errors: {
      404: 'not-found: no booking has this reference',
      409: "appointment-not-today: the booking is for another day (details: day, slotStart). appointment-cancelled: the booking was cancelled. appointment-too-late: the slot's grace has passed, the booking is a no-show (take a walk-in ticket)",
    },
  }),
  importAppointments: operation({
    method: 'post',
    path: '/admin/appointments/import',
    summary: `Book the rows of a CSV of bookings made elsewhere, as JSON {csv} (at most ${IMPORT_MAX_BYTES} bytes, ${IMPORT_MAX_ROWS} rows): service code, slot start (YYYY-MM-DD HH:MM, centre time), reference, name, phone. Good rows are booked (channel import), bad rows listed with the reason; a row already imported is left unchanged`,
    who: ['admin'],
    body: ImportAppointmentsBody,
    response: ImportResult,
    errors: { 413: `csv-too-large: more than ${IMPORT_MAX_BYTES} bytes or ${IMPORT_MAX_ROWS} rows; nothing is booked` },
  }),
  // ---- front desk and the staff's day (issue #18): the desk, no-show rules, pause reasons, attendance ----
  deskSettings: operation({ method: 'get', path: '/desk/settings', summary: "The manager's no-show rules and the admin's pause reasons", who: ['staff'], response: z.object({ settings: DeskSettings }) }),
  updateDeskSettings: operation({
    method: 'patch',
    path: '/desk/settings',
    summary: 'Change the no-show rules (manager) or the pause reasons and their limits (admin)',
    who: ['manager'],
    body: UpdateDeskSettingsBody,
    response: z.object({ settings: DeskSettings }),
    errors: { 403: 'admin-only: only an admin changes the list of pause reasons' },
  }),
  deskPrinters: operation({ method: 'get', path: '/desk/printers', summary: 'Kiosks whose printer the front desk may print on', who: ['clerk', 'manager'], response: items(DeskPrinter) }),
  deskIssue: operation({
    method: 'post',
    path: '/desk/tickets',
    summary: "Issue a ticket for a citizen at the front desk, printed on a chosen kiosk's printer or on none (shown with its QR instead)",
    who: ['clerk', 'manager'],
    body: DeskIssueBody,
    response: DeskTicket,
    status: 201,
    errors: { 400: 'invalid-phone: phone is not a Kenyan mobile number (nothing is issued)', 409: 'service-inactive. printer-unavailable: the chosen kiosk is revoked or has no printer' },
  }),
  deskFind: operation({ method: 'get', path: '/desk/tickets', summary: "Today's tickets with this label (A003, a003 or A3)", who: ['clerk', 'manager'], query: DeskFindQuery, response: items(DeskTicket) }),
  deskReprint: operation({
    method: 'post',
    path: '/desk/tickets/{ticketId}/reprint',
    summary: `Print a ticket of today again at the desk, on a chosen kiosk's printer (at most ${REPRINT_LIMIT} reprints a ticket)`,
    who: ['clerk', 'manager'],
    body: DeskReprintBody,
    response: PrintAnswer,
    errors: { 409: 'reprint-limit. ticket-expired: not a ticket of today' },
  }),
  deskCancel: operation({ method: 'post', path: '/desk/tickets/{ticketId}/cancel', summary: 'Cancel a waiting (or no-show) ticket at the desk, with a note', who: ['clerk', 'manager'], body: DeskNoteBody, response: TicketAnswer }),
  deskMove: operation({
    method: 'post',
    path: '/desk/tickets/{ticketId}/move',
    summary: 'Move a waiting ticket to another service at the desk, keeping its place, with a note',
    who: ['clerk', 'manager'],
    body: DeskMoveBody,
    response: TicketAnswer,
  }),
  onMyWay: operation({
    method: 'post',
    path: '/tickets/{ticketId}/on-my-way',
    summary: "The citizen, called, tapped \"I am on my way\" on the tracker; the clerk's screen shows it (staff get ticket:onMyWay)",
    who: ['citizen'],
    body: OnMyWayBody,
    response: Ok,
    errors: { ...FEEDBACK_KEY_REFUSAL, 409: 'not-called: the ticket is not called now' },
  }),
  onMyWayToday: operation({ method: 'get', path: '/desk/on-my-way', summary: 'Called tickets whose citizen said they are on the way', who: ['staff'], response: items(OnMyWay) }),
  counterPauses: operation({ method: 'get', path: '/stats/pauses', summary: 'Paused counters with reason, since when and the limit for it', who: ['manager'], response: items(CounterPause) }),
  attendance: operation({
    method: 'get',
    path: '/stats/attendance',
    summary: 'Per clerk and per counter over a range of days: minutes signed in, open, serving, idle and paused by reason, from the event log; JSON or (format=csv) a CSV file',
    who: ['manager'],
    query: AttendanceQuery,
    response: Attendance,
    produces: 'text/csv',
  }),

  // ---- managers' figures ----
  liveStats: operation({ method: 'get', path: '/stats/live', summary: 'Live waits, counters, devices', who: ['manager'], response: LiveStats }),
  report: operation({
    method: 'get',
    path: '/stats/report',
    summary: 'KPIs over a date range, as JSON or (format=csv) a CSV file',
    who: ['manager'],
    query: ReportQuery,
    response: Report,
    produces: 'text/csv',
  }),
  dayEvents: operation({
    method: 'get',
    path: '/stats/events',
    summary: "A day's raw event log as NDJSON, for head office",
    who: ['manager'],
    query: EventsQuery,
    produces: 'application/x-ndjson',
  }),
  rebuildStats: operation({
    method: 'post',
    path: '/stats/rebuild',
    summary: 'Summarise a range of days again',
    who: ['manager'],
    body: RebuildBody,
    response: z.object({ rebuilt: z.number().int() }),
  }),
  myDay: operation({ method: 'get', path: '/me/today', summary: "The signed-in clerk's figures for today", who: ['staff'], response: ClerkDay }),
  myRouting: operation({ method: 'get', path: '/me/routing', summary: 'The routing settings a counter screen orders its waiting list by', who: ['staff'], response: RoutingSettings }),

  // ---- staff language: the language a member of staff reads their pages in, kept with the account ----
  setMyLanguage: operation({
    method: 'post',
    path: '/me/lang',
    summary: 'Choose the language of your staff pages (en or sw); kept with your account, so it follows you to another computer',
    who: ['staff'],
    body: z.object({ lang: Lang }),
    status: 204,
    noContent: true,
  }),

  // ---- kiosk help: a citizen at a kiosk calls a member of staff (docs/decisions/0028-kiosk-help-requests.md) ----
  askForHelp: operation({
    method: 'post',
    path: '/kiosk/help',
    summary: 'A citizen at this kiosk asks for a member of staff; while an earlier request of this kiosk is unanswered, that one is answered again (200)',
    who: ['kiosk'],
    response: z.object({ request: HelpRequest }),
    status: 201,
  }),
  listHelpRequests: operation({
    method: 'get',
    path: '/kiosk/help',
    summary: 'Help requests staff should see: unanswered ones, and those answered in the last 10 minutes, oldest first',
    who: ['staff'],
    response: items(HelpRequest),
  }),
  answerHelp: operation({
    method: 'post',
    path: '/kiosk/help/{helpId}/answer',
    summary: '"I\'m coming": the signed-in staff member goes to the kiosk; the kiosk shows that help is on its way',
    who: ['staff'],
    response: z.object({ request: HelpRequest }),
    errors: { 404: 'not-found: no such request (an answered request keeps its first answerer: the answer says who is coming)' },
  }),

  // ---- head office link (the live feed's state; the day bundle an outreach laptop carries by hand) ----
  dayBundle: operation({
    method: 'get',
    path: '/stats/day-bundle',
    summary:
      "A day's events as one file for head office: a manifest line {kind: 'foleni-day-bundle', version: 1, centre: {code, name}, day, fromSeq, toSeq, count, sha256} (sha256: hex of every byte after its newline), then one event a line",
    who: ['manager'],
    query: EventsQuery,
    produces: 'application/x-ndjson',
  }),
  hqFeedStatus: operation({
    method: 'get',
    path: '/admin/hq-feed',
    summary: "The live feed to head office: acknowledged up to which event of how many, last contact, last problem (state off without FOLENI_HQ_URL and FOLENI_HQ_KEY)",
    who: ['admin'],
    response: HqFeedStatus,
  }),

  // ---- admin ----
  backup: operation({
    method: 'get',
    path: '/admin/backup',
    summary: 'Download a consistent copy of the database (SQLite online backup) while the centre runs',
    who: ['admin'],
    produces: 'application/vnd.sqlite3',
  }),
  adminWarnings: operation({ method: 'get', path: '/admin/warnings', summary: 'What an admin should put right now: demo accounts reachable from the network', who: ['admin'], response: AdminWarnings }),
  audit: operation({ method: 'get', path: '/admin/audit', summary: 'Who changed what in the configuration, newest first, 100 at a time', who: ['admin'], query: AuditQuery, response: items(AuditEntry) }),
  newPairingLink: operation({
    method: 'post',
    path: '/admin/devices/{id}/pairing-link',
    summary: "A new one-time pairing link for a device (valid 15 minutes; an earlier unused link stops working). The device's current token keeps working until a screen uses the link",
    who: ['admin'],
    response: DeviceWithPairing,
    status: 201,
  }),
  testPrint: operation({ method: 'post', path: '/admin/devices/{id}/test-print', summary: "Print a test page on a kiosk's printer", who: ['admin'], response: PrintAnswer }),
  adminListServices: services.list,
  adminCreateService: services.create,
  adminGetService: services.get,
  adminUpdateService: services.update,
  adminDeleteService: operation({ ...services.remove, response: z.object({ service: Service, deleted: z.boolean().describe('false: it has tickets, so it was deactivated instead') }) }),
  adminListCounters: counters.list,
  adminCreateCounter: counters.create,
  adminGetCounter: counters.get,
  adminUpdateCounter: counters.update,
  adminDeleteCounter: operation({ ...counters.remove, response: z.object({ deleted: z.literal(true) }) }),
  adminListUsers: users.list,
  adminCreateUser: users.create,
  adminGetUser: users.get,
  adminUpdateUser: users.update,
  adminDeleteUser: users.remove,
  adminListDevices: devices.list,
  adminCreateDevice: operation({ ...devices.create, summary: 'Create a device; the answer carries its one-time pairing link, once', response: DeviceWithPairing }),
  adminGetDevice: devices.get,
  adminUpdateDevice: operation({
    ...devices.update,
    summary: "Change a device; rotateToken withdraws its token at once and the answer carries a new one-time pairing link",
    response: DeviceWithPairing.partial({ pairing: true }),
  }),
  adminDeleteDevice: operation({ ...devices.remove, summary: "Revoke a device's token" }),
  adminGetCentre: operation({ method: 'get', path: '/admin/centre', summary: 'Centre settings', who: ['admin'], response: z.object({ centre: Centre }) }),
  adminUpdateCentre: operation({ method: 'patch', path: '/admin/centre', summary: 'Change centre settings', who: ['admin'], body: UpdateCentreBody, response: z.object({ centre: Centre }) }),

  ...JOURNEY_OPERATIONS,
  // ---- ready for the field: the ticket address, a centre's setup, backups by themselves ----
  ticketAddress: operation({
    method: 'get',
    path: '/admin/centre/ticket-address',
    summary: "The address printed in tickets' QR codes now: set on the Centre page, from FOLENI_PUBLIC_URL, or this machine's LAN address (followed as the network changes), with a warning when phones cannot reach it",
    who: ['admin'],
    response: TicketAddressAnswer,
  }),
  exportSetup: operation({
    method: 'get',
    path: '/admin/setup',
    summary: 'The centre\'s setup as one JSON file: centre settings, hours, closed dates, notices, services, counters, staff (no passwords) and devices (no tokens)',
    who: ['admin'],
    response: CentreSetup,
  }),
  importSetup: operation({
    method: 'post',
    path: '/admin/setup',
    summary: 'Load a setup file into a centre with no tickets, services, counters or devices yet: checked whole first, refused whole with the reasons; new staff get one-time passwords, shown once in the answer',
    who: ['admin'],
    body: CentreSetup,
    response: SetupLoaded,
    errors: { 409: 'centre-in-use: this centre has tickets, services, counters or devices already (details list which)' },
  }),
  restoreBackup: operation({
    method: 'post',
    path: '/admin/backups/restore',
    summary: 'Restore one of the backups in FOLENI_BACKUP_DIR: checked now, put in place when the server next starts (the database it replaces is kept beside it); only while the centre has no tickets today',
    who: ['admin'],
    body: RestoreBackupBody,
    response: z.object({ centreCode: z.string(), centreName: z.string(), tickets: z.number().int(), lastTicketDay: z.string().nullable(), restartNeeded: z.literal(true) }),
    errors: { 409: 'tickets-today: the centre has issued tickets today; restore after the day, or with the server stopped (restore-backup)', 404: 'not-found: no such backup in the folder' },
  }),
  backupStatus: operation({
    method: 'get',
    path: '/admin/backups',
    summary: 'Backups written by themselves to FOLENI_BACKUP_DIR: when the last one was written, the files kept, and whether the folder is missing or full',
    who: ['admin'],
    response: BackupStatus,
  }),
} satisfies Record<string, Operation>;

export type Operations = typeof OPERATIONS;
export type OperationName = keyof Operations;
