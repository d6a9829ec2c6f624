// The API as documented is the API as served: every route the server mounts is in the OpenAPI document and
// every documented operation exists; and each one lets in exactly the callers its "who" names, for every
// kind of caller (nobody, a kiosk, a display, a clerk, a manager, an admin).
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, DEMO_STAFF_PASSWORD, startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';
import { OPERATIONS } from '@foleni/shared';
import type { Operation, Who } from '@foleni/shared';

interface Listed {
  path: string | RegExp;
  methods: string[] | undefined;
  router?: { listRoutes(): Listed[] };
}

/** Every "METHOD /path" the Express app serves under /api/v1, in the document's {id} style. */
function servedRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (list: Listed[], prefix: string) => {
    for (const r of list) {
      // A router's own '/' route is its mount path itself.
      const path = String(r.path) === '/' ? prefix : `${prefix}${String(r.path)}`;
      if (r.router) walk(r.router.listRoutes(), path);
      else for (const m of r.methods ?? []) if (m !== 'HEAD') out.push(`${m} ${path.replace(/:(\w+)/g, '{$1}')}`);
    }
  };
  walk((app.router as unknown as { listRoutes(): Listed[] }).listRoutes(), '');
  return out.filter((r) => r.includes(' /api/v1/')).map((r) => r.replace(' /api/v1/', ' /'));
}

type Caller = 'anonymous' | 'kiosk' | 'display' | 'integration' | 'clerk' | 'manager' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'kiosk', 'display', 'integration', 'clerk', 'manager', 'admin'];
const STAFF: Caller[] = ['clerk', 'manager', 'admin'];

function allowed(who: readonly Who[]): Set<Caller> {
  const set = new Set<Caller>();
  for (const w of who) {
    if (w === 'anyone' || w === 'ticket holder') CALLERS.forEach((c) => set.add(c));
    else if (w === 'citizen') set.add('anonymous');
    else if (w === 'staff' || w === 'clerk') STAFF.forEach((c) => set.add(c));
    else if (w === 'manager') ['manager', 'admin'].forEach((c) => set.add(c as Caller));
    else set.add(w);
  }
  return set;
}

describe('the API contract', () => {
  let c: TestCentre;
  const spare: Record<string, string> = {};
  let ticketId = '';
  let servedTicketId = '';
  let integrationToken = '';

  beforeAll(async () => {
    c = await startTestCentre({ ui: false });
    const admin = await c.login('admin');
    // Things an admin may delete without spoiling the rest of the run.
    const service = await c.api('POST', '/admin/services', { auth: admin, body: { code: 'Q', name: { en: 'Spare', sw: 'Ziada' }, agency: 'Test', slaMinutes: 15 } });
    const counter = await c.api('POST', '/admin/counters', { auth: admin, body: { name: 'Spare counter', zone: 'main', serviceIds: [service.body.service.id] } });
    const user = await c.api('POST', '/admin/users', { auth: admin, body: { username: 'spare', password: 'a-long-password', displayName: 'Spare', role: 'clerk' } });
    const device = await c.api('POST', '/admin/devices', { auth: admin, body: { kind: 'display', name: 'Spare screen', zone: 'main' } });
    spare.services = service.body.service.id;
    spare.counters = counter.body.counter.id;
    spare.users = user.body.user.id;
    spare.devices = device.body.device.id;
    const portal = await c.api('POST', '/admin/devices', { auth: admin, body: { kind: 'integration', name: 'eHuduma portal' } });
    const code = String(portal.body.pairing.code);
    integrationToken = (await c.api('POST', '/devices/pair', { body: { code } })).body.token as string;
    const issued = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('A') } });
    ticketId = issued.body.ticket.id;
    // A reprint is for the counter that held the ticket (the clerk's counter 1 served this one) or the kiosk
    // that issued it, so a refusal of the clerk or the kiosk there can only be the role's.
    const served = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('A') } });
    servedTicketId = served.body.ticket.id;
    const clerk = await c.login('wanjiru');
    await c.api('POST', `/counters/${c.counterId('1')}/open`, { auth: clerk });
    expect((await c.api('POST', `/counters/${c.counterId('1')}/call`, { auth: clerk, body: { ticketId: servedTicketId } })).status).toBe(200);
    await c.api('POST', `/tickets/${servedTicketId}/start`, { auth: clerk });
    expect((await c.api('POST', `/tickets/${servedTicketId}/complete`, { auth: clerk })).status).toBe(200);
  });
  afterAll(() => c.close());

  it('serves every documented operation, and documents every route it serves', () => {
    const served = servedRoutes(c.app.express).sort();
    const documented = Object.values(OPERATIONS).map((op: Operation) => `${op.method.toUpperCase()} ${op.path}`).sort();
    expect(served.length).toBeGreaterThan(40);
    expect(served).toEqual(documented);
  });

  it('lets in exactly the callers each operation names', async () => {
    const pathFor = (op: Operation): string => {
      if (op.path.includes('{ticketId}')) return op.path.replace('{ticketId}', op.path.endsWith('/reprint') ? servedTicketId : ticketId);
      if (op.path.includes('{counterId}')) return op.path.replace('{counterId}', c.counterId('1'));
      if (!op.path.includes('{id}')) return op.path;
      const kind = /^\/admin\/(\w+)\/\{id\}$/.exec(op.path)?.[1];
      if (kind && op.method === 'delete') return op.path.replace('{id}', spare[kind]!);
      if (kind) return op.path.replace('{id}', spare[kind] ?? c.app.ctx.repos.devices.list()[0]!.id);
      return op.path.replace('{id}', spare.devices!);
    };
    const tokenOf = async (caller: Caller): Promise<string | undefined> => {
      if (caller === 'anonymous') return undefined;
      if (caller === 'kiosk') return c.kioskToken;
      if (caller === 'display') return c.displayToken;
      if (caller === 'integration') return integrationToken;
      // A fresh session each time: an allowed sign-out must not lock the caller out of the next rows.
      const res = await c.api('POST', '/auth/login', { body: { username: caller === 'clerk' ? 'wanjiru' : caller, password: caller === 'admin' ? ADMIN_PASSWORD : DEMO_STAFF_PASSWORD } });
      const token = res.body.token as string;
      // The clerk works at counter 1 (which serves the ticket's service), so a refusal can only be the role's.
      if (caller === 'clerk') await c.api('POST', `/counters/${c.counterId('1')}/open`, { auth: token, body: {} });
      return token;
    };

    const wrong: string[] = [];
    for (const op of Object.values(OPERATIONS) as Operation[]) {
      const may = allowed(op.who);
      for (const caller of CALLERS) {
        const auth = await tokenOf(caller);
        const res = await c.api(op.method.toUpperCase(), pathFor(op), { ...(auth ? { auth } : {}), ...(op.method === 'get' || op.method === 'delete' ? {} : { body: {} }) });
        const refused = res.status === 401 || res.status === 403;
        const expected = may.has(caller) ? 'allowed' : caller === 'anonymous' ? 401 : 403;
        const ok = expected === 'allowed' ? !refused : res.status === expected;
        if (!ok) wrong.push(`${op.method.toUpperCase()} ${op.path} as ${caller}: ${res.status} ${JSON.stringify(res.body).slice(0, 120)}, expected ${expected}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
