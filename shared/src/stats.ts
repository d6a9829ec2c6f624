// The shapes of the manager's figures: GET /api/v1/stats/live, /stats/report and /me/today.
import type { Counter, Device, Translated } from './domain.js';
import type { GROUP_BYS } from './requests.js';

export type Grouping = (typeof GROUP_BYS)[number];

export interface LiveService {
  serviceId: string;
  code: string;
  name: Translated;
  active: boolean;
  slaMinutes: number;
  waiting: number;
  estimatedWaitMinutes: number;
  /**
   * When the longest-waiting ticket joined this queue (issued, or its last transfer or requeue); screens
   * tick the longest wait from it.
   */
  oldestWaitingSince: string | null;
  longestWaitMinutes: number | null;
  /**
   * Of today's tickets called, the nearest-rank median wait in whole minutes, rounded up (6 min 10 s is 7),
   * counted exactly as a report counts it (ReportRow): the report of today gives the same figure.
   */
  medianWaitMinutes: number | null;
  /** The 90th percentile wait, counted like the median. */
  p90WaitMinutes: number | null;
  /** Of today's tickets called, the share called within the target in force when each was issued. */
  withinTargetShare: number | null;
  issued: number;
  served: number;
  noShows: number;
  /** Someone has waited longer than the target and is still waiting. */
  overTarget: boolean;
}

export interface LiveCounter extends Counter {
  current: { id: string; label: string; status: string; serviceId: string; since: string; sinceMinutes: number | null } | null;
  /** Open with nobody at the counter: since when (the last completion, no-show, transfer, or opening). */
  idleSince: string | null;
  /** When the counter was last opened, paused or closed today. */
  statusSince: string | null;
}

/** A ticket of today, still open, whose print failed and has not been printed since: staff can reprint it. */
export interface FailedPrint {
  jobId: string;
  /** The ticket's public id, for POST /tickets/:id/reprint. */
  ticketId: string;
  label: string;
  deviceId: string | null;
  error: string | null;
  /** When the print failed. */
  at: string;
}

export interface LiveStats {
  day: string;
  at: string;
  services: LiveService[];
  counters: LiveCounter[];
  devices: Device[];
  failedPrints: FailedPrint[];
}

export interface ReportRow {
  /** Service id, hour '00'–'23', day, counter id or clerk id; '' = none (never called, or transferred away); null = the total. */
  key: string | null;
  label: string;
  issued: number;
  called: number;
  served: number;
  noShows: number;
  cancelled: number;
  expired: number;
  /** No-shows ÷ tickets called. */
  noShowRate: number | null;
  /**
   * Nearest-rank median wait, each wait counted in whole minutes rounded up (6 min 10 s is 7; past two hours
   * in 5-minute steps, past four in 15-minute steps, 480 for longer).
   */
  medianWaitMinutes: number | null;
  /** The 90th percentile wait, counted like the median. */
  p90WaitMinutes: number | null;
  averageWaitMinutes: number | null;
  averageServiceMinutes: number | null;
  averageWalkUpMinutes: number | null;
  /** Of the tickets called, the share called within their service's target wait as it was when each was issued. */
  withinTargetShare: number | null;
  feedbackCount: number;
  feedbackAverage: number | null;
}

export interface Report {
  from: string;
  to: string;
  groupBy: Grouping;
  timezone: string;
  generatedAt: string;
  rows: ReportRow[];
  total: ReportRow;
}

/** GET /api/v1/me/today: the signed-in clerk's day. */
export interface ClerkDay {
  day: string;
  served: number;
  /** Mean of done − serving start over the tickets served; null before the first one. */
  averageServiceSeconds: number | null;
  noShows: number;
  transferred: number;
}
