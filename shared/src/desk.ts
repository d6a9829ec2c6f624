// The front desk and the staff's day: the manager's no-show rules, the admin's list of pause reasons, what
// the desk sends and reads, and the attendance report. docs/architecture.md, "Front desk, fair no-shows, breaks".
import { z } from 'zod';
import { Id, IsoTime, Lang, Priority, PrintResult, Ticket } from './domain.js';
import { Day } from './requests.js';
import { PhoneText } from './sms.js';

export const RETURN_PLACES = ['old_place', 'behind_first', 'end'] as const;
/** Where a no-show who turns up goes: its old place, behind the N people now first, or the end of its line. */
export const ReturnPlace = z.enum(RETURN_PLACES);
export type ReturnPlace = z.infer<typeof ReturnPlace>;

export const NoShowRules = z.object({
  /** A no-show is accepted this long after the latest call (0: at once). */
  minSecondsSinceCall: z.number().int().min(0).max(3600),
  /** …or after this many recalls of it at its line, whichever comes first (0: recalls never suffice). */
  minRecalls: z.number().int().min(0).max(10),
  returnPlace: ReturnPlace,
  /** For `behind_first`: how many of those now first in line stay ahead of the returning ticket. */
  returnBehind: z.number().int().min(0).max(50),
});
export type NoShowRules = z.infer<typeof NoShowRules>;

export const PauseReason = z.object({
  /** Kebab-case key kept in the event log; the names may change, the key may not. */
  id: z.string().regex(/^[a-z0-9-]{1,30}$/, 'a reason key is 1 to 30 lower-case letters, digits or dashes'),
  name: z.object({ en: z.string().trim().min(1).max(40), sw: z.string().trim().min(1).max(40) }),
  /** The dashboard warns when a pause for this reason lasts longer; null: no limit. */
  limitMinutes: z.number().int().min(1).max(480).nullable(),
});
export type PauseReason = z.infer<typeof PauseReason>;

export const DeskSettings = z.object({
  noShow: NoShowRules,
  pauseReasons: z.array(PauseReason).min(1).max(20),
});
export type DeskSettings = z.infer<typeof DeskSettings>;

export const UpdateDeskSettingsBody = z.strictObject({
  noShow: NoShowRules.partial().strict().optional(),
  pauseReasons: z
    .array(PauseReason)
    .min(1)
    .max(20)
    .refine((rs) => new Set(rs.map((r) => r.id)).size === rs.length, 'each reason needs its own key')
    .optional(),
});
export type UpdateDeskSettingsBody = z.infer<typeof UpdateDeskSettingsBody>;

export const PauseBody = z.strictObject({ reason: z.string().max(30).optional() });
export type PauseBody = z.infer<typeof PauseBody>;

/** A ticket issued at the front desk for a citizen; it prints on the chosen kiosk's printer, or on none. */
export const DeskIssueBody = z.strictObject({
  serviceId: Id,
  priority: Priority.optional(),
  lang: Lang.optional(),
  /** A kiosk whose printer prints it; absent: shown on the desk's screen for the citizen to photograph. */
  printerId: Id.optional(),
  /** The citizen's Kenyan mobile number for SMS, as typed; 400 `invalid-phone` when it is not one. */
  phone: PhoneText.optional(),
});
export type DeskIssueBody = z.infer<typeof DeskIssueBody>;

export const DeskReprintBody = z.strictObject({ printerId: Id.optional() });
export const DeskNoteBody = z.strictObject({ note: z.string().trim().max(300).optional() });
export const DeskMoveBody = z.strictObject({ serviceId: Id, note: z.string().trim().max(300).optional() });

export const DeskFindQuery = z.strictObject({ label: z.string().trim().min(1).max(12) });

/** A kiosk whose printer the desk may print on. */
export const DeskPrinter = z.object({ id: Id, name: z.string(), printerStatus: z.string().nullable() });
export type DeskPrinter = z.infer<typeof DeskPrinter>;

/** phone: the number given for SMS as the desk issued it, masked (`+2547•••••123`). */
export const DeskTicket = z.object({ ticket: Ticket, print: PrintResult, phone: z.string().optional() });
export type DeskTicket = z.infer<typeof DeskTicket>;

/** The citizen tapped "I am on my way" on the tracker after being called. */
export const OnMyWay = z.object({ ticketId: Id, label: z.string(), at: IsoTime });
export type OnMyWay = z.infer<typeof OnMyWay>;
/** Pushed to staff as `ticket:onMyWay`, with the current seq (not advancing it, as device events). */
export const OnMyWayEvent = OnMyWay.extend({ seq: z.number().int() });
export type OnMyWayEvent = z.infer<typeof OnMyWayEvent>;
export const OnMyWayBody = z.strictObject({ key: z.string().min(1).max(100).optional() });

/** A paused counter as the dashboard shows it. */
export const CounterPause = z.object({
  counterId: Id,
  counterName: z.string(),
  clerkName: z.string().nullable(),
  reason: z.string().nullable(),
  since: IsoTime,
  limitMinutes: z.number().int().nullable(),
});
export type CounterPause = z.infer<typeof CounterPause>;

/** Minutes of a clerk's or a counter's time over a range of days, from the event log. */
export const AttendanceRow = z.object({
  id: Id,
  name: z.string(),
  /** Holding a counter: open plus paused. */
  signedInMinutes: z.number(),
  openMinutes: z.number(),
  /** Open and holding a ticket (called or serving). */
  servingMinutes: z.number(),
  /** Open with no ticket. */
  idleMinutes: z.number(),
  pausedMinutes: z.number(),
  /** Paused minutes by reason key ("none" for pauses without a reason). */
  pausedByReason: z.record(z.string(), z.number()),
});
export type AttendanceRow = z.infer<typeof AttendanceRow>;

export const Attendance = z.object({ from: Day, to: Day, clerks: z.array(AttendanceRow), counters: z.array(AttendanceRow) });
export type Attendance = z.infer<typeof Attendance>;
export const AttendanceQuery = z.strictObject({ from: Day, to: Day, format: z.enum(['json', 'csv']).default('json') });
