// Races: ten clerks calling and serving at ten counters while kiosks and staff issue tickets, all at once
// over HTTP from four processes. Every ticket goes to exactly one counter, and none is skipped: replaying
// the event log, each call took the first in line (earliest effective arrival) among the waiting tickets
// of that counter's services at that moment.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCentre } from '../../src/testing/index.js';
import type { TestCentre } from '../../src/testing/index.js';
import { emptyAnswered, problems } from './lib/invariants.js';
import { ROOT } from './lib/server-process.js';

const WORKERS = 4;
const PER_ISSUER = 250;

interface Report {
  issued: { id: string; label: string; serviceId: string }[];
  calls: { ticketId: string; counterId: string }[];
  errors: string[];
}

function startWorker(spec: unknown): { child: ChildProcess; next(type: string): Promise<unknown> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/test/reliability/lib/race-worker.ts'), JSON.stringify(spec)], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const inbox: { type: string; data?: unknown }[] = [];
  const waiters: { type: string; take: (d: unknown) => void }[] = [];
  child.on('message', (m: { type: string; data?: unknown }) => {
    const i = waiters.findIndex((w) => w.type === m.type);
    if (i >= 0) waiters.splice(i, 1)[0]!.take(m.data);
    else inbox.push(m);
  });
  return {
    child,
    next(type) {
      const i = inbox.findIndex((m) => m.type === type);
      if (i >= 0) return Promise.resolve(inbox.splice(i, 1)[0]!.data);
      return new Promise((take, fail) => {
        waiters.push({ type, take });
        child.once('exit', (code) => fail(new Error(`race worker exited (${code}) before ${type}`)));
      });
    },
  };
}

describe('many counters and issuers at once, from several processes', () => {
  let c: TestCentre;
  beforeAll(async () => {
    c = await startTestCentre({ ui: false });
  });
  afterAll(() => c.close());

  it('gives every ticket to exactly one counter and skips nobody', async () => {
    const admin = await c.login('admin');
    const clerkNames = ['wanjiru', 'otieno', 'achieng', 'kiprop', 'mwangi'];
    for (let i = 6; i <= 10; i++) {
      const res = await c.api('POST', '/admin/users', {
        auth: admin,
        body: { username: `clerk${i}`, password: 'foleni-demo', displayName: `Clerk ${i}`, role: 'clerk' },
      });
      expect(res.status).toBe(201);
      clerkNames.push(`clerk${i}`);
    }
    const clerks = await Promise.all(clerkNames.map((u) => c.login(u, 'foleni-demo')));
    const counterIds = clerks.map((_, i) => c.counterId(String(i + 1)));
    for (const [i, token] of clerks.entries()) expect((await c.api('POST', `/counters/${counterIds[i]}/open`, { auth: token, body: {} })).status).toBe(200);
    const serviceIds = c.app.ctx.repos.services.list().map((s) => s.id);
    const issuerTokens = [c.kioskToken, c.kioskToken, await c.login('manager'), admin];

    const workers = Array.from({ length: WORKERS }, (_, w) =>
      startWorker({
        url: c.url,
        issuers: [
          { token: issuerTokens[w]!, count: PER_ISSUER, serviceIds, priorityEvery: 7 },
          { token: issuerTokens[(w + 1) % WORKERS]!, count: PER_ISSUER, serviceIds: [...serviceIds].reverse() },
        ],
        clerks: clerks.flatMap((token, i) => (i % WORKERS === w ? [{ token, counterId: counterIds[i]! }] : [])),
      }),
    );
    await Promise.all(workers.map((w) => w.next('issued')));
    for (const w of workers) w.child.send({ type: 'drain' });
    const reports = (await Promise.all(workers.map((w) => w.next('done')))) as Report[];

    const errors = reports.flatMap((r) => r.errors);
    expect(errors).toEqual([]);
    const issued = reports.flatMap((r) => r.issued);
    const calls = reports.flatMap((r) => r.calls);
    expect(issued).toHaveLength(WORKERS * 2 * PER_ISSUER);

    // Exactly one counter per ticket, and every ticket called.
    const calledBy = new Map<string, string[]>();
    for (const call of calls) calledBy.set(call.ticketId, [...(calledBy.get(call.ticketId) ?? []), call.counterId]);
    const twice = [...calledBy].filter(([, by]) => by.length > 1);
    expect(twice).toEqual([]);
    const never = issued.filter((t) => !calledBy.has(t.id)).map((t) => t.label);
    expect(never).toEqual([]);
    expect(c.db.prepare("SELECT COUNT(*) FROM tickets WHERE status <> 'done'").pluck().get()).toBe(0);

    // Nobody skipped: replay the log and check each call took the first in line for that counter.
    const head = c.app.ctx.centre.headStartMs();
    const tickets = new Map(
      (c.db.prepare('SELECT rowid, label, service_id, arrival_at, priority FROM tickets').all() as { rowid: number; label: string; service_id: string; arrival_at: number; priority: string }[]).map(
        (t) => [t.rowid, { ...t, rank: [t.arrival_at - (t.priority === 'none' ? 0 : head), t.rowid] as const }],
      ),
    );
    const servesOf = new Map<string, Set<string>>();
    for (const l of c.db.prepare('SELECT counter_id, service_id FROM counter_services').all() as { counter_id: string; service_id: string }[]) {
      servesOf.set(l.counter_id, (servesOf.get(l.counter_id) ?? new Set()).add(l.service_id));
    }
    const waiting = new Set<number>();
    const skipped: string[] = [];
    const events = c.db.prepare("SELECT seq, type, ticket_rowid, counter_id FROM events WHERE type IN ('ticket.issued', 'ticket.called') ORDER BY seq").all() as {
      seq: number;
      type: string;
      ticket_rowid: number;
      counter_id: string;
    }[];
    for (const e of events) {
      if (e.type === 'ticket.issued') {
        waiting.add(e.ticket_rowid);
        continue;
      }
      const serves = servesOf.get(e.counter_id)!;
      let first: { rowid: number; label: string; rank: readonly [number, number] } | undefined;
      for (const rowid of waiting) {
        const t = tickets.get(rowid)!;
        if (!serves.has(t.service_id)) continue;
        if (!first || t.rank[0] < first.rank[0] || (t.rank[0] === first.rank[0] && t.rank[1] < first.rank[1])) first = t;
      }
      const called = tickets.get(e.ticket_rowid)!;
      if (first?.rowid !== called.rowid) skipped.push(`seq ${e.seq}: counter ${e.counter_id} called ${called.label}, ${first?.label} was first`);
      waiting.delete(e.ticket_rowid);
    }
    expect(skipped).toEqual([]);
    expect(events.filter((e) => e.type === 'ticket.called')).toHaveLength(issued.length);

    const answered = emptyAnswered();
    for (const t of issued) answered.issued.set(t.id, { label: t.label, serviceId: t.serviceId });
    answered.calls.push(...calls);
    expect(problems(c.dataDir, answered)).toEqual([]);
  }, 90_000);
});
