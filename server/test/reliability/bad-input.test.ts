// Bad input: property-based fuzzing of every endpoint (listed from the OpenAPI document, so new ones are
// covered) and of the socket handshake and events, with malformed, oversized and hostile payloads, from
// every kind of caller. Never a 5xx, never a crash, the one error shape on every refusal, and never a
// change of state after a refusal (the database is fingerprinted before and after each request).
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { io } from 'socket.io-client';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCentre } from '../../src/testing/index.js';
import type { TestCentre } from '../../src/testing/index.js';

/** FOLENI_FUZZ_RUNS=20000 for a longer hunt than CI's; FOLENI_FUZZ_SEED=n replays the seed a failure printed. */
const RUNS = Number(process.env.FOLENI_FUZZ_RUNS ?? 1500);

// Device presence changes with every socket a device opens; it is not state a refusal could change.
const VOLATILE: Record<string, string[]> = { devices: ['last_seen_at', 'printer_status'] };

const HOSTILE = [
  '',
  ' ',
  '..',
  '../../etc/passwd',
  '%2e%2e%2f',
  "' OR 1=1 --",
  '"; DROP TABLE tickets; --',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '\u0000',
  '\uFFFF',
  '\uD800',
  '<script>alert(1)</script>',
  '${7*7}',
  'NaN',
  '-1',
  '1e309',
  '9007199254740993',
  'A'.repeat(65),
  '<3000 é>',
  '<40000 x>',
];
/** Big strings travel as short markers, so a failing case prints in a few lines; they grow when sent. */
const expand = (s: string): string => (s === '<3000 é>' ? 'é'.repeat(3000) : s === '<40000 x>' ? 'x'.repeat(40_000) : s);
const expandAll = (_key: string, v: unknown): unknown => (typeof v === 'string' ? expand(v) : v);
const deepExpand = (v: unknown): unknown => JSON.parse(JSON.stringify(v ?? null, expandAll)) as unknown;
const hostileString = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ maxLength: 10 }));
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -0, [], {}, [[[[]]]], { __proto__: { admin: true } }),
);

interface Endpoint {
  method: string;
  path: string;
  /** The document says it takes a form (from outside Foleni), not JSON. */
  form: boolean;
}

/** A valid body per endpoint, to mutate one field at a time (random bodies rarely get past the first check). */
function examples(ids: Record<string, string>): Record<string, Record<string, unknown>> {
  return {
    'POST /auth/login': { username: 'manager', password: 'wrong-password' },
    'POST /auth/password': { currentPassword: 'wrong-password', newPassword: 'a-new-long-password' },
    'POST /devices/pair': { code: 'ZZZZ-ZZZZ' },
    'POST /tickets': { serviceId: ids.serviceA, priority: 'pwd', lang: 'sw' },
    'POST /tickets/{id}/transfer': { serviceId: ids.service, note: 'sent on' },
    'POST /tickets/{id}/feedback': { rating: 4, comment: 'ok', key: ids.feedbackKey },
    'POST /counters/{id}/call': { ticketId: ids.ticket! },
    'POST /admin/services': { code: 'Z', name: { en: 'Zed', sw: 'Zedi' }, agency: 'Z', slaMinutes: 15 },
    'PATCH /admin/services/{id}': { slaMinutes: 30 },
    'POST /admin/counters': { name: 'Counter Z', zone: 'main', serviceIds: [ids.serviceA] },
    'PATCH /admin/counters/{id}': { name: 'Counter Y' },
    'POST /admin/users': { username: 'fuzz', password: 'a-long-password', displayName: 'Fuzz', role: 'clerk' },
    'PATCH /admin/users/{id}': { displayName: 'Someone' },
    'POST /admin/devices': { kind: 'display', name: 'Screen Z', zone: 'main' },
    'PATCH /admin/devices/{id}': { name: 'Screen Y' },
    'PATCH /admin/centre': { name: 'Huduma Centre Z', priorityHeadStartMinutes: 10 },
    'POST /stats/rebuild': { from: '2026-01-01', to: '2026-01-02' },
  };
}

describe('bad input', () => {
  let c: TestCentre;
  let endpoints: Endpoint[];
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    c = await startTestCentre({ ui: false });
    const doc = (await c.api<{ paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>> }>('GET', '/openapi.json')).body;
    endpoints = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([m, op]) => ({ method: m.toUpperCase(), path, form: op.requestBody?.content?.['application/x-www-form-urlencoded'] !== undefined })),
    );
    // Every route is in the document (api-contract.test.ts checks it); and one that is nowhere.
    endpoints.push({ method: 'POST', path: '/nowhere', form: false });
    tokens.kiosk = c.kioskToken;
    tokens.display = c.displayToken;
    tokens.clerk = await c.login('wanjiru');
    tokens.manager = await c.login('manager');
    tokens.admin = await c.login('admin');
    // A little of everything to aim at: waiting, called and done tickets, an open counter.
    const counter = c.counterId('1');
    await c.api('POST', `/counters/${counter}/open`, { auth: tokens.clerk, body: {} });
    for (let i = 0; i < 4; i++) await c.api('POST', '/tickets', { auth: tokens.kiosk, body: { serviceId: c.serviceId('A') } });
    const called = await c.api('POST', `/counters/${counter}/call-next`, { auth: tokens.clerk, body: {} });
    ids.called = called.body.ticket.id;
    ids.ticket = c.db.prepare("SELECT id FROM tickets WHERE status = 'waiting' LIMIT 1").pluck().get() as string;
    // The key of the citizen's link, so feedback bodies get past the key check to the rules behind it.
    ids.feedbackKey = c.db.prepare('SELECT feedback_key FROM tickets WHERE id = ?').pluck().get(ids.ticket) as string;
    ids.counter = counter;
    // Ids, not codes: the fuzzer may rename a service's code.
    ids.service = c.serviceId('B');
    ids.serviceA = c.serviceId('A');
    ids.serviceH = c.serviceId('H');
    ids.user = c.app.ctx.repos.users.byUsername('otieno')!.id;
    ids.device = c.app.ctx.repos.devices.list()[0]!.id;
    await settled();
  });
  afterAll(() => c.close());

  /**
   * Kiosk tickets print in the background after the answer (a job row is written, then updated as it
   * prints): wait until the printers are idle and the print jobs stop changing before taking a fingerprint.
   */
  async function settled(): Promise<void> {
    await c.app.ctx.printing.whenIdle();
    const jobs = c.db.prepare('SELECT id, status, attempts, updated_at FROM print_jobs ORDER BY id');
    let last = JSON.stringify(jobs.all());
    for (let i = 0; i < 100; i++) {
      await new Promise((r) => setTimeout(r, 30));
      const now = JSON.stringify(jobs.all());
      if (now === last) return;
      last = now;
    }
  }

  /** A digest of every table (minus device presence): any change of state changes it. */
  function fingerprint(): string {
    const parts: string[] = [];
    const tables = c.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    for (const t of tables) {
      // A refused sign-in may record that a name is under attack: the one write a refusal is meant to make.
      const rows = c.db.prepare(`SELECT * FROM "${t}"${t === 'audit_log' ? " WHERE action <> 'login-attack'" : ''}`).all() as Record<string, unknown>[];
      const drop = VOLATILE[t] ?? [];
      const lines = rows
        .map((r) => JSON.stringify(Object.entries(r).filter(([k]) => !drop.includes(k)), (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v)))
        .sort();
      parts.push(`${t}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`);
    }
    return parts.join(' ');
  }

  const auth = fc.oneof(
    fc.constantFrom('kiosk', 'display', 'clerk', 'manager', 'admin').map((k) => ({ authorization: `Bearer ${tokens[k]}` })),
    fc.constantFrom<Record<string, string>>(
      {},
      { authorization: 'Bearer' },
      { authorization: 'Bearer fs_not-a-session' },
      { authorization: 'Bearer fd_not-a-device' },
      { authorization: 'Basic YWRtaW46YWRtaW4=' },
      { authorization: 'Bearer <8000 x>' },
      { cookie: 'foleni_session=garbage; foleni_session=more' },
      { cookie: '%%%;;;===' },
    ),
  );

  const pathParam = fc.oneof(
    fc.constantFrom('ticket', 'called', 'counter', 'service', 'user', 'device').map((k) => ids[k]!),
    hostileString.map((s) => {
      const v = expand(s);
      // A lone surrogate cannot be percent-encoded as UTF-8: send the bytes it would be, which is worse.
      return /[\uD800-\uDFFF]/.test(v) ? `%ED%A0%80${encodeURIComponent(v.replace(/[\uD800-\uDFFF]/g, ''))}` : encodeURIComponent(v);
    }),
    fc.constantFrom('..%2f..%2f', '%00', '%ZZ', 'a/b', ''),
  );

  /** A body: a valid one with one field spoiled, random JSON, or raw bytes that are not JSON at all. */
  const body = (endpoint: Endpoint): fc.Arbitrary<{ raw: string; type: string }> => {
    const example = examples(ids)[`${endpoint.method} ${endpoint.path}`] ?? {};
    const json = (v: unknown) => ({ raw: JSON.stringify(v, expandAll) ?? 'null', type: 'application/json' });
    const keys = Object.keys(example);
    return fc.oneof(
      fc.constant(json(example)),
      keys.length
        ? fc.tuple(fc.constantFrom(...keys), hostileValue).map(([k, v]) => json({ ...example, [k]: v }))
        : fc.constant(json({})),
      fc.tuple(hostileString, hostileValue).map(([k, v]) => json({ ...example, [k]: v })),
      hostileValue.map(json),
      fc.constantFrom(
        { raw: '{"serviceId": ', type: 'application/json' },
        { raw: '{"__proto__": {"role": "admin"}, "constructor": {"prototype": {"role": "admin"}}}', type: 'application/json' },
        { raw: '['.repeat(20_000) + ']'.repeat(20_000), type: 'application/json' },
        { raw: '{"note": "<40000 x>"}', type: 'application/json' },
        { raw: 'serviceId=A&priority=pwd', type: 'application/x-www-form-urlencoded' },
        { raw: '{"rating": 5}', type: 'text/plain' },
        { raw: '{"rating": 5}', type: 'application/json; charset=utf-7' },
        { raw: '\u0000\u0001\u0002', type: 'application/octet-stream' },
        { raw: '', type: 'application/json' },
      ),
    );
  };

  const query = fc.oneof(
    fc.constant(''),
    fc.constantFrom('?from=2026-01-01&to=2026-12-31&groupBy=day&format=csv', '?from=2026-02-30&to=2026-01-01', '?from=0000-01-01&to=9999-12-31', '?from[x]=1&to=2', '?from=1&from=2', '?day=2026-01-01', '?day=../../x'),
    fc.dictionary(fc.constantFrom('from', 'to', 'groupBy', 'format', 'day', 'before', '__proto__'), hostileString, { maxKeys: 4 }).map(
      (q) => `?${new URLSearchParams(q).toString()}`,
    ),
  );

  const request = fc
    .integer({ min: 0, max: 10_000 })
    .chain((i) => {
      const endpoint = endpoints[i % endpoints.length]!;
      return fc.record({
        endpoint: fc.constant(endpoint),
        method: fc.oneof({ weight: 9, arbitrary: fc.constant(endpoint.method) }, { weight: 1, arbitrary: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS') }),
        param: pathParam,
        query,
        auth,
        body: fc.option(body(endpoint), { nil: undefined, freq: 4 }),
        idempotencyKey: fc.option(hostileString, { nil: undefined, freq: 3 }),
      });
    });

  it('never answers 5xx, always in the one error shape, and changes nothing when it refuses', async () => {
    let before = fingerprint();
    let refusals = 0;
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        // Signing out the fuzzer's own sessions only narrows what it can reach.
        if (r.endpoint.path === '/auth/logout' && r.auth.authorization?.startsWith('Bearer fs_') && Object.values(tokens).some((t) => r.auth.authorization === `Bearer ${t}`)) return;
        const path = r.endpoint.path.replace('{id}', r.param);
        const headers: Record<string, string> = { ...r.auth };
        if (r.body) headers['content-type'] = r.body.type;
        if (r.idempotencyKey !== undefined) {
          // Header values must be bytes a client can send.
          headers['idempotency-key'] = expand(r.idempotencyKey).replace(/[^\x20-\x7e]/g, '?');
        }
        const res = await fetch(`${c.url}/api/v1${path}${r.query}`, {
          method: r.method,
          headers,
          ...(r.body && r.method !== 'GET' ? { body: r.body.raw.replace('"<40000 x>"', JSON.stringify(expand('<40000 x>'))) } : {}),
        });
        const text = await res.text();
        const where = `${r.method} ${path}${r.query.slice(0, 80)} → ${res.status} ${text.slice(0, 200)}`;
        expect(res.status, where).toBeLessThan(500);
        if (res.status < 400) await settled();
        const after = fingerprint();
        if (res.status >= 400) {
          refusals++;
          expect(after, `state changed on a refusal: ${where}`).toBe(before);
          // Node itself refuses headers over 16 kB before any route runs, with no body at all.
          if (res.status === 431) return;
          let parsed: { error?: { code?: unknown; message?: unknown } } = {};
          try {
            parsed = JSON.parse(text) as typeof parsed;
          } catch {
            // Not JSON: the assertions below say so.
          }
          expect(typeof parsed.error?.code === 'string' && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(parsed.error.code), `error shape: ${where}`).toBe(true);
          expect(typeof parsed.error?.message, `error shape: ${where}`).toBe('string');
        }
        before = after;
      }),
      { numRuns: RUNS, ...(process.env.FOLENI_FUZZ_SEED ? { seed: Number(process.env.FOLENI_FUZZ_SEED) } : {}) },
    );
    expect(refusals).toBeGreaterThan(RUNS / 3);
    expect((await c.api('GET', '/health')).status).toBe(200);
  }, 120_000 + RUNS * 40);

  it('takes a padded or capitalised username as the name itself', async () => {
    for (const username of [' manager', 'manager\t', 'MANAGER', '\u00a0Manager\n']) {
      const res = await c.api('POST', '/auth/login', { body: { username, password: 'foleni-demo' } });
      expect(res.status, JSON.stringify(username)).toBe(200);
      expect(res.body.user.username).toBe('manager');
    }
  });

  it('refuses half a character (a lone surrogate) in every text field of every example body, changing nothing', async () => {
    const before = fingerprint();
    let tried = 0;
    for (const [endpoint, example] of Object.entries(examples(ids))) {
      const [method, path] = endpoint.split(' ') as [string, string];
      const auth = path.startsWith('/admin') ? tokens.admin! : path.startsWith('/tickets/{id}/feedback') ? undefined : path === '/tickets' ? tokens.kiosk! : tokens.manager!;
      const target = path.replace('{id}', path.includes('/users/') ? ids.user! : path.includes('/devices/') ? ids.device! : path.includes('/counters/') ? ids.counter! : path.includes('/services/') ? ids.service! : ids.ticket!);
      for (const [key, value] of Object.entries(example)) {
        if (typeof value !== 'string') continue;
        for (const spoiled of [`${value}\ud800`, `\udfff${value}`]) {
          // JSON.stringify writes a lone surrogate as its \u escape, as a hostile client would send it.
          const res = await c.api(method, target, { body: JSON.stringify({ ...example, [key]: spoiled }), ...(auth ? { auth } : {}) });
          expect(res.status, `${endpoint} ${key}`).toBe(400);
          expect(res.body.error.code, `${endpoint} ${key}`).toBe('invalid-body');
          tried++;
        }
      }
    }
    expect(tried).toBeGreaterThan(20);
    expect(fingerprint()).toBe(before);
  });
  it('refuses bodies that are not JSON on every operation, from every caller, and changes nothing', async () => {
    await settled();
    const before = fingerprint();
    const bodies: { type?: string; raw: string | Blob }[] = [
      // What a form on another page can send without asking the server first (no CORS preflight).
      { type: 'text/plain', raw: '{"rating":5,"comment":"Excellent clerk"}' },
      { type: 'text/plain;charset=UTF-8', raw: '' },
      { type: 'application/x-www-form-urlencoded', raw: 'serviceId=A&priority=pwd' },
      { type: 'multipart/form-data; boundary=x', raw: '--x\r\nContent-Disposition: form-data; name="rating"\r\n\r\n5\r\n--x--\r\n' },
      { type: 'application/merge-patch+json', raw: '{}' },
      { type: 'application/xml', raw: '<rating>5</rating>' },
      // A body with no type at all (a Blob without a type sends none).
      { raw: new Blob(['{"rating":5}']) },
    ];
    const wrong: string[] = [];
    for (const endpoint of endpoints.filter((e) => e.method !== 'GET')) {
      const path = endpoint.path.replace('{id}', endpoint.path.startsWith('/tickets') ? ids.called! : endpoint.path.startsWith('/counters') ? ids.counter! : ids.device!);
      for (const caller of [undefined, 'kiosk', 'clerk', 'manager', 'admin']) {
        for (const b of bodies) {
          // An operation the table says takes a form (from outside Foleni) is tried with the others.
          if (endpoint.form && b.type === 'application/x-www-form-urlencoded') continue;
          const headers: Record<string, string> = { ...(caller ? { authorization: `Bearer ${tokens[caller]}` } : {}), ...(b.type ? { 'content-type': b.type } : {}) };
          const res = await fetch(`${c.url}/api/v1${path}`, { method: endpoint.method, headers, body: b.raw });
          const answer = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
          if (res.status !== 415 || answer?.error?.code !== 'unsupported-media-type') wrong.push(`${endpoint.method} ${path} as ${caller ?? 'anonymous'} with ${b.type ?? 'no type'}: ${res.status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(fingerprint()).toBe(before);
    // A write that needs no body may still come without one, typed or not.
    expect((await fetch(`${c.url}/api/v1/auth/logout`, { method: 'POST' })).status).toBe(204);
    expect((await fetch(`${c.url}/api/v1/auth/logout`, { method: 'POST', headers: { 'content-type': 'application/json' } })).status).toBe(204);
  }, 120_000);

  it('survives hostile socket handshakes and events, and they change nothing', async () => {
    const before = fingerprint();
    const handshake = fc.oneof(
      fc.constantFrom<Record<string, unknown>>({ token: tokens.kiosk }, { token: tokens.display }, { token: tokens.clerk }, { token: tokens.admin }, { ticketId: ids.ticket }),
      fc.record({ token: hostileValue }),
      fc.record({ ticketId: hostileValue }),
      fc.record({ token: fc.constantFrom(tokens.kiosk!, tokens.display!, tokens.clerk!), extra: hostileValue }),
      fc.dictionary(hostileString, hostileValue, { maxKeys: 3 }),
      fc.constant({ token: 'x'.repeat(20_000) }),
    );
    const emit = fc.record({
      event: fc.oneof(fc.constantFrom('queue:resync', 'disconnect', 'connect', '__proto__', 'constructor', 'ticket:called', 'error', 'newListener'), hostileString),
      args: fc.array(fc.oneof(hostileValue, fc.uint8Array({ maxLength: 64 }), fc.constant('y'.repeat(20_000))), { maxLength: 3 }),
    });
    const outcomes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(handshake, fc.array(emit, { maxLength: 5 }), async (authPayload, emits) => {
        const socket = io(c.url, { auth: deepExpand(authPayload) as Record<string, unknown>, transports: ['websocket'], reconnection: false, forceNew: true, timeout: 3000 });
        const outcome = await new Promise<string>((resolve) => {
          socket.once('queue:snapshot', () => resolve('snapshot'));
          socket.once('connect_error', (e) => resolve(`refused: ${e.message}`));
          socket.once('disconnect', (reason) => resolve(`disconnected: ${reason}`));
        });
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        expect(outcome, JSON.stringify(authPayload).slice(0, 200)).toMatch(/^(snapshot|refused: (unauthorized|unknown-ticket|invalid-auth)|disconnected: .*)$/);
        if (outcome === 'snapshot') {
          // Straight onto the wire as Socket.IO EVENT packets: the client library would refuse reserved names.
          const engine = socket.io.engine as unknown as { send(data: string): void };
          for (const e of emits) engine.send(`2${JSON.stringify([expand(e.event), ...e.args.map((a) => (a instanceof Uint8Array ? [...a] : deepExpand(a)))])}`);
          await new Promise((r) => setTimeout(r, 20));
        }
        socket.disconnect();
      }),
      { numRuns: 150 },
    );
    // Both ways were tried: hostile payloads refused, and valid ones (with hostile events after) let in.
    expect(outcomes.get('snapshot') ?? 0, JSON.stringify([...outcomes])).toBeGreaterThan(10);
    expect([...outcomes].filter(([k]) => k.startsWith('refused')).reduce((n, [, v]) => n + v, 0)).toBeGreaterThan(50);

    // Below Socket.IO: garbage frames straight onto the Engine.IO websocket, and onto long polling.
    const frames = fc.oneof(
      fc.constantFrom('40', '40{', '40{"token":', '42["queue:resync"', '42[]', '42[1,2,3]', '4', '41', '43', '44{}', '45-["x"]', '6', '2probe', '1', '0'),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
      fc.constant('4' + 'z'.repeat(30_000)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(frames, { minLength: 1, maxLength: 6 }), async (list) => {
        const ws = new WebSocket(`${c.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
        await new Promise<void>((resolve) => {
          ws.once('open', () => {
            for (const f of list) ws.send(f);
            setTimeout(resolve, 20);
          });
          ws.once('error', () => resolve());
          ws.once('close', () => resolve());
        });
        ws.terminate();
        const polled = await fetch(`${c.url}/socket.io/?EIO=4&transport=polling&sid=${encodeURIComponent(String(list[0]).slice(0, 40))}`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain;charset=UTF-8' },
          body: typeof list[0] === 'string' ? list[0] : '4garbage',
        });
        expect(polled.status).toBeLessThan(500);
      }),
      { numRuns: 80 },
    );

    expect(fingerprint()).toBe(before);
    expect((await c.api('GET', '/health')).status).toBe(200);
    // The centre still works for everyone afterwards.
    const issued = await c.api('POST', '/tickets', { auth: tokens.kiosk, body: { serviceId: ids.serviceH } });
    expect(issued.status).toBe(201);
  }, 120_000);
});
