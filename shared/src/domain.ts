// The resources of the public API v1, as zod schemas; the TypeScript types come from them.
// Names are API v1's contract (docs/architecture.md, "The API contract"): extend, never rename.
import { z } from 'zod';
import type { Weekday } from './opening-hours.js';

export const LANGS = ['en', 'sw'] as const;
export const Lang = z.enum(LANGS);
export type Lang = z.infer<typeof Lang>;

export const PRIORITIES = ['none', 'pwd', 'elderly', 'pregnant', 'other'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled', 'expired'] as const;
export const TicketStatus = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof TicketStatus>;

export const TICKET_SOURCES = ['kiosk', 'staff', 'appointment', 'mobile'] as const;
export const TicketSource = z.enum(TICKET_SOURCES);
export type TicketSource = z.infer<typeof TicketSource>;

export const COUNTER_STATUSES = ['closed', 'open', 'paused'] as const;
export const CounterStatus = z.enum(COUNTER_STATUSES);
export type CounterStatus = z.infer<typeof CounterStatus>;

export const ROLES = ['clerk', 'manager', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** `integration`: another platform's backend (the eHuduma portal, the Mobile app's) that reads slots and manages bookings. */
export const DEVICE_KINDS = ['kiosk', 'display', 'integration'] as const;
export const DeviceKind = z.enum(DEVICE_KINDS);
export type DeviceKind = z.infer<typeof DeviceKind>;

export const PRINTER_STATUSES = ['unknown', 'online', 'offline', 'cover_open', 'paper_near_end', 'paper_out', 'preview'] as const;
export const PrinterStatus = z.enum(PRINTER_STATUSES);
export type PrinterStatus = z.infer<typeof PrinterStatus>;

/**
 * Why a printer cannot print, as staff are told it: the device file is missing (unplugged), the server may not
 * write to it, the printer is offline, out of paper or its cover is open, it is still busy with an earlier job,
 * or something else (`detail` says what). `detail` is the server's sentence, with the printer's address.
 */
export const PRINTER_PROBLEMS = ['missing_device', 'no_permission', 'offline', 'paper_out', 'cover_open', 'busy', 'error'] as const;
export const PrinterProblemReason = z.enum(PRINTER_PROBLEMS);
export type PrinterProblemReason = z.infer<typeof PrinterProblemReason>;
export const PrinterProblem = z.object({ reason: PrinterProblemReason, detail: z.string() });
export type PrinterProblem = z.infer<typeof PrinterProblem>;

export const PRINT_JOB_STATUSES = ['queued', 'printing', 'done', 'failed', 'preview', 'none'] as const;
export const PrintJobStatus = z.enum(PRINT_JOB_STATUSES);
export type PrintJobStatus = z.infer<typeof PrintJobStatus>;

/** Ids are opaque strings. Public ticket ids are random and safe in a URL. */
export const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'an id holds letters, digits, _ and -');
export const IsoTime = z.iso.datetime({ offset: true });

export const Translated = z.strictObject({ en: z.string().trim().min(1).max(120), sw: z.string().trim().min(1).max(120) });
export type Translated = z.infer<typeof Translated>;

export const ServiceCode = z.string().regex(/^[A-Z]{1,3}$/, 'a service code is 1 to 3 capital letters');

/**
 * Whether a service takes bookings, and how: slots of `slotMinutes` cut from the day's opening hours, each
 * taking `perSlot` bookings; a checked-in booking may be called from `earlyMinutes` before its slot, and a
 * booking not checked in `graceMinutes` after its slot starts is a no-show.
 */
export const BookingSettings = z.strictObject({
  enabled: z.boolean(),
  slotMinutes: z.number().int().min(5).max(240),
  perSlot: z.number().int().min(1).max(100),
  earlyMinutes: z.number().int().min(0).max(120),
  graceMinutes: z.number().int().min(0).max(120),
});
export type BookingSettings = z.infer<typeof BookingSettings>;
export const DEFAULT_BOOKING: BookingSettings = { enabled: false, slotMinutes: 15, perSlot: 2, earlyMinutes: 10, graceMinutes: 15 };
/** The admin's change: a field left out keeps its value. */
export const BookingSettingsUpdate = BookingSettings.partial();

export const Service = z.object({
  id: Id,
  code: ServiceCode,
  name: Translated,
  /** The agency as the centre writes it; services are grouped by it. */
  agency: z.string().describe('the agency as the centre writes it; screens group services by it'),
  /** The agency's name in Kiswahili, shown instead of `agency` on screens in Kiswahili; null: none given. */
  agencySw: z.string().nullable().describe('the agency in Kiswahili, shown on screens in Kiswahili; null: none given, screens show agency as written'),
  slaMinutes: z.number().int(),
  serviceMinutes: z.number(),
  active: z.boolean(),
  order: z.number().int(),
  booking: BookingSettings,
});
export type Service = z.infer<typeof Service>;

/** A service as `GET /services` lists it: with the queue in front of it. */
export const ServiceWithQueue = Service.extend({
  waiting: z.number().int(),
  /**
   * The wait a ticket taken now would be told once a counter serves the service. While `openCounters` is 0
   * nobody can call its tickets: screens say so instead of showing this figure.
   */
  estimatedWaitMinutes: z.number().int().describe('minutes a ticket taken now would wait once a counter serves the service (see openCounters)'),
  /** Open counters (not paused) serving it now. */
  openCounters: z.number().int().describe('open (not paused) counters serving it now; 0: nobody can call its tickets, so the wait is unknown'),
  /**
   * Some active counter is assigned to it, open or not. Kiosks offer only such services (and the server
   * refuses a kiosk's ticket for the others): a ticket nobody can ever call must not be handed out.
   */
  served: z.boolean().describe('some active counter is assigned to it (open or not); kiosks offer only these'),
});
export type ServiceWithQueue = z.infer<typeof ServiceWithQueue>;

export const ClerkRef = z.object({ id: Id, displayName: z.string() });
export type ClerkRef = z.infer<typeof ClerkRef>;

export const Counter = z.object({
  id: Id,
  name: z.string(),
  zone: z.string(),
  status: CounterStatus,
  /** In order of preference. */
  serviceIds: z.array(Id),
  clerk: ClerkRef.nullable(),
  /** The ticket the counter holds now (called or serving), if any. */
  currentTicketId: Id.nullable(),
  active: z.boolean(),
});
export type Counter = z.infer<typeof Counter>;

export const JourneyStep = z.object({
  serviceId: Id,
  at: IsoTime,
  counterId: Id.nullable(),
  note: z.string().nullable(),
});
export type JourneyStep = z.infer<typeof JourneyStep>;

/**
 * Where a ticket stands on its journey (a visit of several services in order, docs/decisions/0022-journeys.md):
 * step `step` (from 1) of `of`. `steps` are the ticket's own copy, taken at issue: editing the journey later
 * never changes them. `ended` says how the journey ended; null while the ticket is on it.
 */
export const JourneyPosition = z.object({
  id: Id,
  step: z.number().int().min(1),
  of: z.number().int().min(2),
  name: Translated,
  steps: z.array(z.object({ serviceId: Id, name: Translated })),
  ended: z.enum(['completed', 'ended', 'left', 'cancelled', 'expired']).nullable(),
});
export type JourneyPosition = z.infer<typeof JourneyPosition>;

const UNKNOWN_WAIT = 'null once the ticket has left the queue, and while it waits with no open counter serving its service (the wait is unknown)';

export const Ticket = z.object({
  id: Id,
  label: z.string(),
  number: z.number().int(),
  day: z.string(),
  serviceId: Id,
  status: TicketStatus,
  priority: Priority,
  lang: Lang,
  source: TicketSource,
  issuedAt: IsoTime,
  /** The latest call (recalls move it); `firstCalledAt` ends the wait. */
  calledAt: IsoTime.nullable(),
  firstCalledAt: IsoTime.nullable(),
  /** When it joined the line it is in now (issue, transfer, requeue); null only on rows older than it. */
  queuedAt: IsoTime.nullable().optional(),
  /** The first call in the line it is in now (recalls leave it); `lineCalledAt - queuedAt` is the wait there. */
  lineCalledAt: IsoTime.nullable().optional(),
  servingAt: IsoTime.nullable(),
  doneAt: IsoTime.nullable(),
  counterId: Id.nullable(),
  clerkId: Id.nullable(),
  callCount: z.number().int(),
  /** 1 = next in line; null once it has left the queue. */
  position: z.number().int().nullable(),
  /**
   * Null once it has left the queue, and also while it waits but no open counter serves its service: then
   * nobody can call it and the wait is unknown (screens say so; never "very soon").
   */
  estimatedWaitMinutes: z.number().int().nullable().describe(UNKNOWN_WAIT),
  trackUrl: z.string(),
  /** Services it went through before this one (transfers), oldest first. */
  journey: z.array(JourneyStep),
  /** A booked ticket (source `appointment`): its slot's start, which is its effective arrival; null for a walk-in. */
  bookedFor: IsoTime.nullable().optional(),
  /** A booked ticket is not called before this (its slot start less the service's early window); null for a walk-in. */
  notBefore: IsoTime.nullable().optional(),
  /** Routing key: effective arrival in ms, then issue order. Trackers compare keys to count who is ahead. */
  rank: z.tuple([z.number(), z.number()]),
  /**
   * The journey it is on, and at which step; null for a ticket of one service. (`journey` above has named the
   * transfers since API v1, so the journey's position goes here on staff views; see docs/decisions/0022-journeys.md.)
   */
  onJourney: JourneyPosition.nullable().optional(),
});
export type Ticket = z.infer<typeof Ticket>;

export const CounterRef = z.object({ id: Id, name: z.string(), zone: z.string() });
export type CounterRef = z.infer<typeof CounterRef>;

/** What anyone holding the ticket id may see: no personal data, nothing of other tickets but counts. */
export const PublicTicket = z.object({
  id: Id,
  label: z.string(),
  /** Labels restart each day: a label is only unique with its day (YYYY-MM-DD, centre time). */
  day: z.string(),
  serviceId: Id,
  service: z.object({ code: z.string(), name: Translated }),
  status: TicketStatus,
  /**
   * Whether the ticket has priority service, not why: the reason (disability, pregnancy…) is the holder's
   * own business and a tracker link is easily shared. No routing key either: its second half is a
   * centre-wide row number, and the place in line says all a holder needs.
   */
  prioritised: z.boolean(),
  lang: Lang,
  issuedAt: IsoTime,
  calledAt: IsoTime.nullable(),
  position: z.number().int().nullable(),
  /** As on Ticket: null when not waiting, or when waiting with no open counter serving its service (unknown). */
  estimatedWaitMinutes: z.number().int().nullable().describe(UNKNOWN_WAIT),
  counter: CounterRef.nullable(),
  feedbackGiven: z.boolean(),
  trackUrl: z.string(),
  /** The journey it is on and at which step (the tracker lists the steps); null for a ticket of one service. */
  journey: JourneyPosition.nullable().optional(),
});
export type PublicTicket = z.infer<typeof PublicTicket>;

export const User = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: Role,
  active: z.boolean(),
});
export type User = z.infer<typeof User>;

export const PrinterUrl = z.union([
  z.string().regex(/^tcp:\/\/[A-Za-z0-9.-]+:\d{1,5}$/, 'a network printer is tcp://host:port'),
  // Only printer device files: a path elsewhere (or with ..) would let a test print write into any file.
  z.string().regex(/^usb:\/dev\/(usb\/)?lp\d{1,2}$/, 'a USB printer is usb:/dev/usb/lp0'),
  z.literal('preview'),
]);
export const PrinterSettings = z.strictObject({
  url: PrinterUrl,
  paperWidth: z.union([z.literal(58), z.literal(80)]).default(80),
});
export type PrinterSettings = z.infer<typeof PrinterSettings>;

export const Device = z.object({
  id: Id,
  kind: DeviceKind,
  name: z.string(),
  zone: z.string(),
  printer: PrinterSettings.nullable(),
  printerStatus: PrinterStatus,
  /** Why the printer last failed, while it is not ready; null when it is ready or nothing is known against it. */
  printerProblem: PrinterProblem.nullable(),
  /** revoked = its token withdrawn by an admin; an active device may wait for its pairing (`pairedAt` null). */
  status: z.enum(['active', 'revoked']),
  connected: z.boolean(),
  lastSeenAt: IsoTime.nullable(),
  /** When a screen last took the device's token with a pairing code; null while no screen holds one. */
  pairedAt: IsoTime.nullable(),
  /** The browser that did (its User-Agent, cut to 200 characters), to tell which screen it was. */
  pairedBy: z.string().nullable(),
});
export type Device = z.infer<typeof Device>;

export const PrintResult = z.object({
  jobId: Id.nullable(),
  status: PrintJobStatus,
  error: z.string().nullable(),
  /** For a test print, which waits for its outcome: why it did not print, in a form staff screens explain. */
  problem: PrinterProblem.nullable().optional(),
});
export type PrintResult = z.infer<typeof PrintResult>;

/** A time of day, 24-hour "HH:MM" (00:00–23:59); as strings of this shape they compare in time order. */
export const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day is HH:MM, from 00:00 to 23:59');
const opensBeforeCloses = (h: { opens: string; closes: string }): boolean => h.opens < h.closes;
/** One weekday's hours, as stored: it opens before it closes, on the same day. */
export const DayHours = z.strictObject({ opens: TimeOfDay, closes: TimeOfDay }).refine(opensBeforeCloses, { message: 'the centre must open before it closes', path: ['closes'] });
export type DayHours = z.infer<typeof DayHours>;

/** A real calendar day, YYYY-MM-DD (2026-02-30 is refused). */
export const CalendarDay = z.string().refine((day) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const t = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === day;
}, 'a day is a real date, YYYY-MM-DD');

const WEEKDAY_NAMES: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };
/** At most this many closed dates: a few years of public holidays. */
export const MAX_CLOSED_DATES = 200;

/**
 * The centre's week in its time zone: each weekday's hours, or null when it does not open that day; the
 * closed dates (public holidays, YYYY-MM-DD, in order) when it does not open whatever the weekday; and
 * whether its kiosks keep those hours (issue tickets only while open; staff may still issue after closing).
 * The switch lives with the hours so that every screen that is told the hours is told whether the kiosk
 * keeps them. `hoursOn`, `openingAt` and `nextOpening` (opening-hours.ts) read it.
 */
export const OpeningHours = z.strictObject({
  mon: DayHours.nullable(),
  tue: DayHours.nullable(),
  wed: DayHours.nullable(),
  thu: DayHours.nullable(),
  fri: DayHours.nullable(),
  sat: DayHours.nullable(),
  sun: DayHours.nullable(),
  closedDates: z.array(CalendarDay),
  kiosksOnlyWhenOpen: z.boolean(),
});
export type OpeningHours = z.infer<typeof OpeningHours>;

/** A weekday's new hours from the admin, refused in words that name the form's row ("Saturday closes at…"). */
const dayHoursUpdate = (weekday: Weekday) =>
  z
    .strictObject({ opens: TimeOfDay, closes: TimeOfDay })
    .refine(opensBeforeCloses, {
      path: ['closes'],
      // Compared only once both are times of day: "8am" is refused as such, not as later than closing.
      when: (payload) => payload.issues.length === 0,
      error: (iss) => {
        const h = iss.input as { opens: string; closes: string };
        const day = WEEKDAY_NAMES[weekday];
        return `${day} closes at (${h.closes}) must be later than ${day} opens at (${h.opens}): the centre opens, then closes, on the same day.`;
      },
    })
    .nullable()
    .optional();

/**
 * New hours from the admin. A weekday left out keeps its hours, null closes it; `closedDates`, when given,
 * is the whole new list; without `kiosksOnlyWhenOpen` the kiosks keep doing what they did.
 */
export const OpeningHoursUpdate = z.strictObject({
  mon: dayHoursUpdate('mon'),
  tue: dayHoursUpdate('tue'),
  wed: dayHoursUpdate('wed'),
  thu: dayHoursUpdate('thu'),
  fri: dayHoursUpdate('fri'),
  sat: dayHoursUpdate('sat'),
  sun: dayHoursUpdate('sun'),
  closedDates: z
    .array(CalendarDay)
    .max(MAX_CLOSED_DATES, `The centre keeps at most ${MAX_CLOSED_DATES} holidays: remove past ones first.`)
    .refine((days) => new Set(days).size === days.length, 'A holiday is listed twice: each date once.')
    .optional(),
  kiosksOnlyWhenOpen: z.boolean().optional(),
});
export type OpeningHoursUpdate = z.infer<typeof OpeningHoursUpdate>;

export const Centre = z.object({
  code: z.string(),
  name: z.string(),
  timezone: z.string(),
  languages: z.array(Lang),
  openingHours: OpeningHours,
  ticketFooter: Translated.or(z.object({ en: z.string(), sw: z.string() })),
  notices: z.array(Translated),
  priorityHeadStartMinutes: z.number().int(),
  preferenceBonusMinutes: z.number().int(),
  /** The address printed in tickets' QR codes, set by the admin; null: the server's own LAN address. */
  publicUrl: z.string().nullable(),
  /** The Wi-Fi network printed on tickets for phones to join ("Wi-Fi: HudumaFree"); null: none printed. */
  wifiName: z.string().nullable(),
});
export type Centre = z.infer<typeof Centre>;

export const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });
export type ErrorBody = z.infer<typeof ErrorBody>;
