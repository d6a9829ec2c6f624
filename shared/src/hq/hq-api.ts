// Head office's answers, as its screens read them (the wire with centres is in wire.ts).
import { z } from 'zod';
import { ReportRow } from '../stats.js';

export const HqRole = z.enum(['admin', 'analyst']);
export type HqRole = z.infer<typeof HqRole>;

export const HqUser = z.object({ id: z.string(), username: z.string(), role: HqRole });
export type HqUser = z.infer<typeof HqUser>;

export const HqCentre = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(['centre', 'outreach']),
  county: z.string().nullable(),
  parentCode: z.string().nullable(),
  /** The highest seq held without a hole. */
  lastSeq: z.number(),
  lastHeardAt: z.string().nullable(),
});
export type HqCentre = z.infer<typeof HqCentre>;

export const HqCentreToday = HqCentre.extend({
  today: z.object({
    day: z.string(),
    issued: z.number(),
    served: z.number(),
    noShows: z.number(),
    medianWaitMinutes: z.number().nullable(),
    withinTargetShare: z.number().nullable(),
    feedbackCount: z.number(),
    feedbackAverage: z.number().nullable(),
  }),
  /** Events known to be missing (held past a hole); null when head office cannot know. */
  behindBy: z.number().nullable(),
});
export type HqCentreToday = z.infer<typeof HqCentreToday>;

/** week: weeks from Monday, each row keyed by its Monday (YYYY-MM-DD). */
export const HQ_GROUP_BYS = ['centre', 'service', 'day', 'week', 'hour'] as const;
export type HqGroupBy = (typeof HQ_GROUP_BYS)[number];

export const HqReport = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(HQ_GROUP_BYS),
  centre: z.string().nullable(),
  rows: z.array(ReportRow),
  total: ReportRow,
});
export type HqReport = z.infer<typeof HqReport>;

/** Outreach teams' days over a range, grouped by county (a team's own, else its parent centre's). */
export const HqOutreachReport = z.object({
  from: z.string(),
  to: z.string(),
  counties: z.array(
    z.object({
      /** null: neither the team nor its parent centre has a county. */
      county: z.string().nullable(),
      total: ReportRow,
      teams: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          parentCode: z.string().nullable(),
          total: ReportRow,
          /** One row per day the team worked, keyed by the day; none when it held no day in the range. */
          days: z.array(ReportRow),
        }),
      ),
    }),
  ),
  total: ReportRow,
});
export type HqOutreachReport = z.infer<typeof HqOutreachReport>;

export const HqImportAnswer = z.object({ centre: z.string(), day: z.string(), added: z.number(), alreadyImported: z.boolean(), ackSeq: z.number() });
export type HqImportAnswer = z.infer<typeof HqImportAnswer>;
