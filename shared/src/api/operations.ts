// The HTTP API v1, each operation written once: method, path, who may call, query, body, header and answer.
// The server mounts its handlers from this table (server/src/http/operations.ts), the OpenAPI document is
// generated from it (server/src/http/openapi.ts) and the screens call the client derived from it
// (`createApi` in @foleni/shared/client). Add an operation here and its handler there; see docs/architecture.md.
import { z } from 'zod';
import { Centre, Counter, Device, Id, IsoTime, PrintResult, PublicTicket, Service, ServiceWithQueue, Ticket, User } from '../domain.js';
import { PublicCentre } from '../events.js';
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
import { HelpRequest } from '../kiosk-help.js';
import { operation } from './operation.js';
import type { Operation } from './operation.js';

const items = <T extends z.ZodType>(schema: T) => z.object({ items: z.array(schema) });
const Ok = z.object({ ok: z.literal(true) });
const TicketAnswer = z.object({ ticket: Ticket });
const CounterAnswer = z.object({ counter: Counter });
const PrintAnswer = z.object({ print: PrintResult });

/** GET /auth/me: the signed-in user and the counter they hold, or the paired device asking. */
export const Me = z.union([z.object({ user: User, counterId: Id.nullable() }), z.object({ device: Device })]);
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

/** The centre as anyone may read it. */
export const PublicCentreAnswer = z.object({ centre: PublicCentre });

/**
 * A one-time pairing link: a screen that opens it exchanges its code once for the device's token
 * (POST /devices/pair). Only the code's hash is kept, so the link is shown this once.
 */
export const Pairing = z.object({
  code: z.string(),
  url: z.string().describe('the screen address carrying the code: /kiosk?pair=<code> or /display?pair=<code>'),
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
    response: z.object({ ticket: Ticket, print: PrintResult }),
    status: 201,
    errors: { 409: ISSUE_CONFLICTS },
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

  // ---- counters ----
  getQueue: operation({ method: 'get', path: '/queue', summary: 'Waiting tickets per service, in routing order', who: ['staff'], response: items(QueueLine) }),
  listCounters: operation({ method: 'get', path: '/counters', summary: 'Counters with status and clerk', who: ['staff'], response: items(Counter) }),
  getCounter: operation({ method: 'get', path: '/counters/{counterId}', summary: 'One counter', who: ['staff'], response: CounterAnswer }),
  openCounter: counterStatus('open', 'Open the counter (or resume after a pause)'),
  pauseCounter: counterStatus('pause', 'Pause the counter'),
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
} satisfies Record<string, Operation>;

export type Operations = typeof OPERATIONS;
export type OperationName = keyof Operations;
