// Centres and outreach teams: registered by the head-office admin, each with a key shown once, and listed
// with today's figures from the day summaries.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '@foleni/server/clock.js';
import { AppError, badRequest } from '@foleni/server/errors.js';
import type { HqCentre, HqCentreToday } from '@foleni/shared';
import type { Sql } from './db/sql.js';
import { hashToken, newCentreKey } from './hq-auth.service.js';
import { eatDay } from './ingest/day-summaries.js';
import { totalsOf, type SummarySums } from './report.service.js';
import { emptyTotals } from '@foleni/server/stats/day-summary.js';
import { reportRow } from '@foleni/server/stats/stats-report.js';

export const CentreBody = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, 'letters, digits and dashes, 2 to 32 (NRB-GPO)'),
  name: z.string().trim().min(1).max(120),
  kind: z.enum(['centre', 'outreach']),
  county: z.string().trim().min(1).max(60).optional(),
  parentCode: z.string().trim().toUpperCase().optional(),
});
export type CentreBody = z.infer<typeof CentreBody>;

export type Centre = HqCentre;
export type CentreToday = HqCentreToday;

interface CentreRow {
  id: string;
  code: string;
  name: string;
  kind: 'centre' | 'outreach';
  county: string | null;
  parent_code: string | null;
  ack_seq: number;
  last_heard_at: number | null;
}

const SELECT_CENTRE = `SELECT c.id, c.code, c.name, c.kind, c.county, p.code AS parent_code, c.ack_seq, c.last_heard_at
                         FROM centres c LEFT JOIN centres p ON p.id = c.parent_id`;

const toCentre = (r: CentreRow): Centre => ({
  id: r.id,
  code: r.code,
  name: r.name,
  kind: r.kind,
  county: r.county,
  parentCode: r.parent_code,
  lastSeq: r.ack_seq,
  lastHeardAt: r.last_heard_at === null ? null : new Date(r.last_heard_at).toISOString(),
});

export class CentresService {
  constructor(
    private readonly sql: Sql,
    private readonly clock: Clock,
  ) {}

  async register(body: CentreBody): Promise<{ centre: Centre; key: string }> {
    let parentId: string | null = null;
    if (body.parentCode) {
      const [p] = await this.sql.query<{ id: string; kind: string }>('SELECT id, kind FROM centres WHERE code = $1', [body.parentCode]);
      if (!p) throw badRequest('unknown-parent', `No centre has the code ${body.parentCode}: register the parent centre first.`);
      if (p.kind !== 'centre') throw badRequest('invalid-parent', `${body.parentCode} is an outreach team; an outreach team's parent is a centre.`);
      parentId = p.id;
    }
    const key = newCentreKey();
    const id = randomUUID();
    const inserted = await this.sql.query(
      `INSERT INTO centres (id, code, name, kind, county, parent_id, key_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (code) DO NOTHING RETURNING id`,
      [id, body.code, body.name, body.kind, body.county ?? null, parentId, hashToken(key), this.clock.now()],
    );
    if (inserted.length === 0) throw new AppError(409, 'code-taken', `A centre with the code ${body.code} is registered already.`);
    return { centre: (await this.byCode(body.code))!, key };
  }

  async byCode(code: string): Promise<Centre | null> {
    const [r] = await this.sql.query<CentreRow>(`${SELECT_CENTRE} WHERE c.code = $1`, [code]);
    return r ? toCentre(r) : null;
  }

  /** May the key of centre `keyCentreId` write the data of `target`: its own, or its outreach child's. */
  async mayCarry(keyCentreId: string, targetCode: string): Promise<{ id: string } | null> {
    const [r] = await this.sql.query<{ id: string; parent_id: string | null }>('SELECT id, parent_id FROM centres WHERE code = $1', [targetCode]);
    if (!r) return null;
    return r.id === keyCentreId || r.parent_id === keyCentreId ? { id: r.id } : null;
  }

  async list(): Promise<CentreToday[]> {
    const day = eatDay(this.clock.now());
    const centres = await this.sql.query<CentreRow>(`${SELECT_CENTRE} ORDER BY c.code`);
    const sums = await this.sql.query<SummarySums & { key: string }>(
      `SELECT centre_id AS key, sum(issued) AS issued, sum(called) AS called, sum(served) AS served, sum(no_shows) AS no_shows,
              sum(within_target) AS within_target, sum(wait_sum_ms) AS wait_sum_ms, sum(service_count) AS service_count,
              sum(service_sum_ms) AS service_sum_ms, sum(feedback_count) AS feedback_count, sum(feedback_sum) AS feedback_sum
         FROM day_summaries WHERE day = $1 AND dimension = 'service' GROUP BY centre_id`,
      [day],
    );
    const waits = await this.sql.query<{ key: string; bucket: number; n: number }>(
      `SELECT s.centre_id AS key, u.i - 1 AS bucket, sum(u.n) AS n
         FROM day_summaries s, unnest(s.waits) WITH ORDINALITY AS u(n, i)
        WHERE s.day = $1 AND s.dimension = 'service' GROUP BY 1, 2`,
      [day],
    );
    const ahead = await this.sql.query<{ centre_id: string; top: number }>(
      'SELECT r.centre_id, max(r.to_seq) AS top FROM received r JOIN centres c ON c.id = r.centre_id WHERE r.to_seq > c.ack_seq GROUP BY 1',
    );
    const totals = totalsOf(sums, waits);
    const top = new Map(ahead.map((a) => [a.centre_id, a.top]));
    return centres.map((r) => {
      const row = reportRow(r.id, r.code, totals.get(r.id) ?? emptyTotals());
      const t = top.get(r.id);
      return {
        ...toCentre(r),
        today: {
          day,
          issued: row.issued,
          served: row.served,
          noShows: row.noShows,
          medianWaitMinutes: row.medianWaitMinutes,
          withinTargetShare: row.withinTargetShare,
          feedbackCount: row.feedbackCount,
          feedbackAverage: row.feedbackAverage,
        },
        behindBy: t === undefined ? null : t - r.ack_seq,
      };
    });
  }
}
