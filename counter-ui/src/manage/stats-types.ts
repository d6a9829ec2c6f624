// The shapes of GET /api/v1/stats/live and /stats/report, as the server's stats module answers them
// (server/src/stats/stats.service.ts and stats-report.ts). They belong in @foleni/shared; until they move
// there, the browser tests catch any drift.
import type { Counter, Device, Translated } from '@foleni/shared';

export interface LiveService {
  serviceId: string;
  code: string;
  name: Translated;
  active: boolean;
  slaMinutes: number;
  waiting: number;
  estimatedWaitMinutes: number;
  oldestWaitingSince: string | null;
  longestWaitMinutes: number | null;
  medianWaitMinutes: number | null;
  p90WaitMinutes: number | null;
  withinTargetShare: number | null;
  issued: number;
  served: number;
  noShows: number;
  overTarget: boolean;
}

export interface LiveCounter extends Counter {
  current: { id: string; label: string; status: string; serviceId: string; since: string; sinceMinutes: number | null } | null;
  idleSince: string | null;
  statusSince: string | null;
}

export interface LiveStats {
  day: string;
  at: string;
  services: LiveService[];
  counters: LiveCounter[];
  devices: Device[];
}

export const GROUPINGS = ['service', 'hour', 'day', 'counter', 'clerk'] as const;
export type Grouping = (typeof GROUPINGS)[number];

export interface ReportRow {
  key: string | null;
  label: string;
  issued: number;
  called: number;
  served: number;
  noShows: number;
  cancelled: number;
  expired: number;
  noShowRate: number | null;
  medianWaitMinutes: number | null;
  p90WaitMinutes: number | null;
  averageWaitMinutes: number | null;
  averageServiceMinutes: number | null;
  averageWalkUpMinutes: number | null;
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
