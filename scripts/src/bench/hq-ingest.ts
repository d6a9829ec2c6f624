// (f) Head office's ingest rate on a PostgreSQL server: 45 centres' days of events sent through
// POST /hq/api/v1/ingest in batches of 5,000 (parsed, checked, stored, folded into tickets and day
// summaries), against a bare INSERT of the same rows, by the same statement, into a plain table (no key, no
// partitions) in the same run and database.
import type { AddressInfo } from 'node:net';
import { systemClock } from '@foleni/server/clock.js';
import { createLogger } from '@foleni/server/logger.js';
import type { HqEvent } from '@foleni/shared';
import { createHqApp } from '@foleni/hq/app.js';
import { loadHqConfig } from '@foleni/hq/config.js';
import { migrate } from '@foleni/hq/db/migrate.js';
import { openPostgres } from '@foleni/hq/db/pg-sql.js';
import type { Sql } from '@foleni/hq/db/sql.js';
import { eventDay, serviceOf } from '@foleni/hq/ingest/ticket-fold.js';
import { eventsOf, freshPostgres } from '@foleni/hq/testing/hq-test-env.js';
import type { TicketPlan } from '@foleni/hq/testing/hq-test-env.js';

export interface HqIngestResult {
  events: number;
  centres: number;
  batch: number;
  senders: number;
  ingest: { seconds: number; eventsPerSec: number };
  bareInsert: { seconds: number; eventsPerSec: number };
}

const SERVICES = ['NHIF', 'KRA', 'NSSF', 'ID', 'BIRTH', 'GOODCONDUCT'];
const BATCH = 5_000;

/** A centre's days: tickets through the opening hours, most served, some no-shows, some still waiting. */
function centreEvents(centre: number, days: number, ticketsPerDay: number): HqEvent[] {
  const plans: TicketPlan[] = [];
  for (let d = 0; d < days; d++) {
    const day = Date.parse('2026-11-02T05:00:00Z') + d * 86_400_000;
    for (let i = 0; i < ticketsPerDay; i++) {
      const r = (centre * 7919 + d * 104_729 + i * 31) % 1000;
      plans.push({
        id: `c${centre}-d${d}-t${i}`,
        service: SERVICES[r % SERVICES.length]!,
        issuedAt: new Date(day + Math.floor((i / ticketsPerDay) * 9 * 3_600_000)).toISOString(),
        waitMin: 1 + (r % 40),
        end: r % 17 === 0 ? 'no_show' : 'served',
        ...(r % 5 === 0 ? { rating: 1 + (r % 5) } : {}),
      });
    }
  }
  return eventsOf(plans);
}

async function runSenders<T>(queues: T[][], senders: number, send: (item: T) => Promise<void>): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: senders }, async () => {
      for (;;) {
        const queue = queues[next++];
        if (!queue) return;
        for (const item of queue) await send(item);
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

async function bareInsert(sql: Sql, centreId: string, events: HqEvent[]): Promise<void> {
  await sql.query(
    `INSERT INTO bench_bare (centre_id, seq, day, at, type, ticket_id, service, body)
     SELECT $1, u.seq, u.day, u.at, u.type, u.ticket, u.service, b.body
       FROM unnest($2::bigint[], $3::date[], $4::bigint[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY AS u(seq, day, at, type, ticket, service, i)
       JOIN jsonb_array_elements($8::jsonb) WITH ORDINALITY AS b(body, i) USING (i)`,
    [
      centreId,
      events.map((e) => e.seq),
      events.map(eventDay),
      events.map((e) => Date.parse(e.at)),
      events.map((e) => e.type),
      events.map((e) => e.ticketId ?? null),
      events.map((e) => serviceOf(e) || null),
      JSON.stringify(events),
    ],
  );
}

export async function benchHqIngest(opts: { centres: number; days: number; ticketsPerDay: number; senders: number; log: (s: string) => void }): Promise<HqIngestResult> {
  const db = await freshPostgres();
  const sql = await openPostgres(db.url, opts.senders + 2);
  try {
    await migrate(sql);
    await sql.exec('CREATE TABLE bench_bare (centre_id text NOT NULL, seq bigint NOT NULL, day date NOT NULL, at bigint NOT NULL, type text NOT NULL, ticket_id text, service text, body jsonb NOT NULL)');
    const config = { ...loadHqConfig({ FOLENI_HQ_PORT: '0', FOLENI_LOG_LEVEL: 'silent' }), rateLimits: false };
    const hq = createHqApp({ config, sql, clock: systemClock, log: createLogger('silent') });
    const server = hq.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hq/api/v1`;

    const centres: { id: string; key: string; batches: HqEvent[][] }[] = [];
    let total = 0;
    for (let c = 0; c < opts.centres; c++) {
      const { centre, key } = await hq.centres.register({ code: `BENCH-${String(c).padStart(2, '0')}`, name: `Bench centre ${c}`, kind: 'centre' });
      const events = centreEvents(c, opts.days, opts.ticketsPerDay);
      total += events.length;
      const batches: HqEvent[][] = [];
      for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH));
      centres.push({ id: centre.id, key, batches });
    }
    opts.log(`hq ingest: ${total.toLocaleString('en-US')} events of ${opts.centres} centres, ${opts.senders} senders`);

    const ingestSec = await runSenders(
      centres.map((c) => c.batches.map((b) => ({ key: c.key, batch: b }))),
      opts.senders,
      async ({ key, batch }) => {
        const res = await fetch(`${api}/ingest`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ fromSeq: batch[0]!.seq, events: batch }),
        });
        if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
      },
    );
    server.close();
    const bareSec = await runSenders(
      centres.map((c) => c.batches.map((b) => ({ id: c.id, batch: b }))),
      opts.senders,
      ({ id, batch }) => bareInsert(sql, id, batch),
    );
    const [stored] = await sql.query<{ n: number }>('SELECT count(*) AS n FROM events');
    if (stored!.n !== total) throw new Error(`stored ${stored!.n} events of ${total}`);
    return {
      events: total,
      centres: opts.centres,
      batch: BATCH,
      senders: opts.senders,
      ingest: { seconds: ingestSec, eventsPerSec: total / ingestSec },
      bareInsert: { seconds: bareSec, eventsPerSec: total / bareSec },
    };
  } finally {
    await sql.close();
    await db.drop();
  }
}
