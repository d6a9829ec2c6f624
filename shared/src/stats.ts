// The shapes of the manager's figures: GET /api/v1/stats/live, /stats/report and /me/today. Schemas, so the
// operation table documents them and the screens' client takes its types from them.
import { z } from 'zod';
import { Counter, Device, Id, IsoTime, Translated } from './domain.js';
import { GROUP_BYS } from './requests.js';
import { ArrivalFigures, BookingFigures } from './appointments.js';

export const Grouping = z.enum(GROUP_BYS);
export type Grouping = z.infer<typeof Grouping>;

const minutes = z.number().nullable();

export const LiveService = z.object({
  serviceId: Id,
  code: z.string(),
  name: Translated,
  active: z.boolean(),
  slaMinutes: z.number().int(),
  waiting: z.number().int(),
  estimatedWaitMinutes: z.number().int(),
  /**
   * When the longest-waiting ticket joined this queue (issued, or its last transfer or requeue); screens
   * tick the longest wait from it.
   */
  oldestWaitingSince: IsoTime.nullable(),
  longestWaitMinutes: minutes,
  /**
   * Of today's tickets called, the nearest-rank median wait in whole minutes, rounded up (6 min 10 s is 7),
   * counted exactly as a report counts it (ReportRow): the report of today gives the same figure.
   */
  medianWaitMinutes: minutes,
  /** The 90th percentile wait, counted like the median. */
  p90WaitMinutes: minutes,
  /** Of today's tickets called, the share called within the target in force when each was issued. */
  withinTargetShare: z.number().nullable(),
  issued: z.number().int(),
  served: z.number().int(),
  noShows: z.number().int(),
  /** Someone has waited longer than the target and is still waiting. */
  overTarget: z.boolean(),
  /** Today's bookings; present when the service takes bookings or has some today. */
  bookings: BookingFigures.optional(),
});
export type LiveService = z.infer<typeof LiveService>;

export const LiveCounter = Counter.extend({
  current: z
    .object({ id: Id, label: z.string(), status: z.string(), serviceId: Id, since: IsoTime, sinceMinutes: z.number().nullable() })
    .nullable(),
  /** Open with nobody at the counter: since when (the last completion, no-show, transfer, or opening). */
  idleSince: IsoTime.nullable(),
  /** When the counter was last opened, paused or closed today. */
  statusSince: IsoTime.nullable(),
});
export type LiveCounter = z.infer<typeof LiveCounter>;

/** A ticket of today, still open, whose print failed and has not been printed since: staff can reprint it. */
export const FailedPrint = z.object({
  jobId: Id,
  /** The ticket's public id, for POST /tickets/:id/reprint. */
  ticketId: Id,
  label: z.string(),
  deviceId: Id.nullable(),
  error: z.string().nullable(),
  /** When the print failed. */
  at: IsoTime,
});
export type FailedPrint = z.infer<typeof FailedPrint>;

/** A journey's figures over a report's range (docs/decisions/0022-journeys.md); minutes counted as waits are. */
export const JourneyReportRow = z.object({
  journeyId: Id,
  code: z.string(),
  name: Translated,
  /** Tickets issued for the journey in the range. */
  tickets: z.number().int(),
  /** Of those, the ones that went through every step. */
  completed: z.number().int(),
  /** The whole visit of a completed journey: first issue to its last step done. */
  medianVisitMinutes: minutes,
  p90VisitMinutes: minutes,
  /** Each step's wait: joining that step's line to its first call there. */
  steps: z.array(z.object({ step: z.number().int(), serviceId: Id, name: Translated, waits: z.number().int(), medianWaitMinutes: minutes, p90WaitMinutes: minutes })),
});
export type JourneyReportRow = z.infer<typeof JourneyReportRow>;

export const LiveStats = z.object({
  day: z.string(),
  at: IsoTime,
  services: z.array(LiveService),
  counters: z.array(LiveCounter),
  devices: z.array(Device),
  failedPrints: z.array(FailedPrint),
  /** Citizens on a journey waiting in the line of a later step: between two counters of one visit. */
  betweenSteps: z.number().int().optional(),
});
export type LiveStats = z.infer<typeof LiveStats>;

export const ReportRow = z.object({
  /** Service id, hour '00'–'23', day, counter id or clerk id; '' = none (never called, or transferred away); null = the total. */
  key: z.string().nullable(),
  label: z.string(),
  issued: z.number().int(),
  called: z.number().int(),
  served: z.number().int(),
  noShows: z.number().int(),
  cancelled: z.number().int(),
  expired: z.number().int(),
  /** No-shows ÷ tickets called. */
  noShowRate: z.number().nullable(),
  /**
   * Nearest-rank median wait, each wait counted in whole minutes rounded up (6 min 10 s is 7; past two hours
   * in 5-minute steps, past four in 15-minute steps, 480 for longer).
   */
  medianWaitMinutes: minutes,
  /** The 90th percentile wait, counted like the median. */
  p90WaitMinutes: minutes,
  averageWaitMinutes: minutes,
  averageServiceMinutes: minutes,
  averageWalkUpMinutes: minutes,
  /** Of the tickets called, the share called within their service's target wait as it was when each was issued. */
  withinTargetShare: z.number().nullable(),
  feedbackCount: z.number().int(),
  feedbackAverage: z.number().nullable(),
});
export type ReportRow = z.infer<typeof ReportRow>;

export const Report = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: Grouping,
  timezone: z.string(),
  generatedAt: IsoTime,
  rows: z.array(ReportRow),
  total: ReportRow,
  /** The range's tickets split by how the citizen came: walk-in (kiosk, staff) or booked (checked in). */
  byArrival: z.object({ walkIn: ArrivalFigures, booked: ArrivalFigures }).optional(),
  /** Journeys with tickets in the range. */
  journeys: z.array(JourneyReportRow).optional(),
});
export type Report = z.infer<typeof Report>;

/** GET /api/v1/me/today: the signed-in clerk's day. */
export const ClerkDay = z.object({
  day: z.string(),
  served: z.number().int(),
  /** Mean of done − serving start over the tickets served; null before the first one. */
  averageServiceSeconds: z.number().nullable(),
  noShows: z.number().int(),
  transferred: z.number().int(),
});
export type ClerkDay = z.infer<typeof ClerkDay>;
