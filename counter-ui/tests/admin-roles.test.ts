// Who may call what: every manager and admin endpoint, asked by every kind of caller (nobody, a kiosk, a
// display, a clerk, a manager, an admin). Refused callers are asked first, so a refusal that changed
// something would show in the allowed caller's answer (a duplicate code, a missing record).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCentre } from '@foleni/server/testing';
import type { TestCentre } from '@foleni/server/testing';

type Role = 'anonymous' | 'kiosk' | 'display' | 'clerk' | 'manager' | 'admin';
const ROLES: Role[] = ['anonymous', 'kiosk', 'display', 'clerk', 'manager', 'admin'];

// A paired device is not signed-in staff: staff routes answer it as they answer nobody (sign in first).
const DEVICE = 403;
const managerUp = (ok: number): Record<Role, number> => ({ anonymous: 401, kiosk: DEVICE, display: DEVICE, clerk: 403, manager: ok, admin: ok });
const adminOnly = (ok: number): Record<Role, number> => ({ anonymous: 401, kiosk: DEVICE, display: DEVICE, clerk: 403, manager: 403, admin: ok });
const everyone = (ok: number): Record<Role, number> => ({ anonymous: ok, kiosk: ok, display: ok, clerk: ok, manager: ok, admin: ok });

interface Row {
  method: string;
  path: () => string;
  body?: () => unknown;
  expect: Record<Role, number>;
  /** Keeps what the allowed call answered (ids of created records). */
  keep?: (body: Record<string, Record<string, string>>) => void;
}

describe('role matrix', () => {
  let c: TestCentre;
  const auth: Partial<Record<Role, string>> = {};
  const made = { service: '', counter: '', user: '', device: '' };
  const day = '2025-01-15';

  beforeAll(async () => {
    c = await startTestCentre({ ui: false });
    auth.kiosk = c.kioskToken;
    auth.display = c.displayToken;
    auth.clerk = await c.login('wanjiru');
    auth.manager = await c.login('manager');
    auth.admin = await c.login('admin');
  });
  afterAll(async () => {
    await c?.close();
  });

  const rows: Row[] = [
    { method: 'GET', path: () => '/health', expect: everyone(200) },
    { method: 'GET', path: () => '/services', expect: everyone(200) },
    { method: 'GET', path: () => '/stats/live', expect: managerUp(200) },
    { method: 'GET', path: () => `/stats/report?from=${day}&to=${day}&groupBy=service`, expect: managerUp(200) },
    { method: 'GET', path: () => `/stats/report?from=${day}&to=${day}&groupBy=clerk&format=csv`, expect: managerUp(200) },
    { method: 'GET', path: () => `/stats/events?day=${day}`, expect: managerUp(200) },
    { method: 'POST', path: () => '/stats/rebuild', body: () => ({ from: day, to: day }), expect: managerUp(200) },
    { method: 'GET', path: () => '/admin/backup', expect: adminOnly(200) },
    // services
    { method: 'GET', path: () => '/admin/services', expect: adminOnly(200) },
    {
      method: 'POST',
      path: () => '/admin/services',
      body: () => ({ code: 'Q', name: { en: 'Land rates', sw: 'Kodi ya ardhi' }, agency: 'County' }),
      expect: adminOnly(201),
      keep: (b) => (made.service = b.service!.id!),
    },
    { method: 'GET', path: () => `/admin/services/${made.service}`, expect: adminOnly(200) },
    { method: 'PATCH', path: () => `/admin/services/${made.service}`, body: () => ({ slaMinutes: 30 }), expect: adminOnly(200) },
    // counters
    { method: 'GET', path: () => '/admin/counters', expect: adminOnly(200) },
    {
      method: 'POST',
      path: () => '/admin/counters',
      body: () => ({ name: 'Counter 11', serviceIds: [made.service] }),
      expect: adminOnly(201),
      keep: (b) => (made.counter = b.counter!.id!),
    },
    { method: 'GET', path: () => `/admin/counters/${made.counter}`, expect: adminOnly(200) },
    { method: 'PATCH', path: () => `/admin/counters/${made.counter}`, body: () => ({ zone: 'annex' }), expect: adminOnly(200) },
    { method: 'DELETE', path: () => `/admin/counters/${made.counter}`, expect: adminOnly(200) },
    { method: 'DELETE', path: () => `/admin/services/${made.service}`, expect: adminOnly(200) },
    // users
    { method: 'GET', path: () => '/admin/users', expect: adminOnly(200) },
    {
      method: 'POST',
      path: () => '/admin/users',
      body: () => ({ username: 'njeri', password: 'a-long-password', displayName: 'Njeri Wambui', role: 'clerk' }),
      expect: adminOnly(201),
      keep: (b) => (made.user = b.user!.id!),
    },
    { method: 'GET', path: () => `/admin/users/${made.user}`, expect: adminOnly(200) },
    { method: 'PATCH', path: () => `/admin/users/${made.user}`, body: () => ({ password: 'another-password' }), expect: adminOnly(200) },
    { method: 'DELETE', path: () => `/admin/users/${made.user}`, expect: adminOnly(200) },
    // kiosks and displays
    { method: 'GET', path: () => '/admin/devices', expect: adminOnly(200) },
    {
      method: 'POST',
      path: () => '/admin/devices',
      body: () => ({ kind: 'kiosk', name: 'Kiosk 2', printer: { url: 'preview' } }),
      expect: adminOnly(201),
      keep: (b) => (made.device = b.device!.id!),
    },
    { method: 'GET', path: () => `/admin/devices/${made.device}`, expect: adminOnly(200) },
    { method: 'PATCH', path: () => `/admin/devices/${made.device}`, body: () => ({ zone: 'annex' }), expect: adminOnly(200) },
    { method: 'POST', path: () => `/admin/devices/${made.device}/test-print`, body: () => ({}), expect: adminOnly(200) },
    { method: 'DELETE', path: () => `/admin/devices/${made.device}`, expect: adminOnly(200) },
    // centre and audit
    { method: 'GET', path: () => '/admin/centre', expect: adminOnly(200) },
    { method: 'PATCH', path: () => '/admin/centre', body: () => ({ priorityHeadStartMinutes: 25 }), expect: adminOnly(200) },
    { method: 'GET', path: () => '/admin/audit', expect: adminOnly(200) },
  ];

  it('answers every caller of every endpoint as expected', async () => {
    const got: string[] = [];
    const want: string[] = [];
    for (const row of rows) {
      for (const role of ROLES) {
        const res = await c.api(row.method, row.path(), { ...(auth[role] ? { auth: auth[role] } : {}), ...(row.body ? { body: row.body() } : {}) });
        got.push(`${row.method} ${row.path()} as ${role}: ${res.status}`);
        want.push(`${row.method} ${row.path()} as ${role}: ${row.expect[role]}`);
        if (res.status < 300 && row.keep) row.keep(res.body);
        if (res.status >= 400) expect(res.body?.error?.code, `${row.method} ${row.path()} as ${role}`).toMatch(/^[a-z-]+$/);
      }
    }
    expect(got).toEqual(want);
  });

  it('recorded only the allowed changes', async () => {
    const audit = (await c.api('GET', '/admin/audit', { auth: auth.admin })).body.items as { action: string; entity: string; userId: string | null }[];
    const admin = c.app.ctx.repos.users.byUsername('admin')!.id;
    const mine = audit.filter((a) => a.userId === admin).map((a) => `${a.action} ${a.entity}`).reverse();
    expect(mine).toEqual([
      'download backup',
      'create services',
      'update services',
      'create counters',
      'update counters',
      'delete counters',
      'delete services',
      'create users',
      'update users',
      'update users',
      'create devices',
      'update devices',
      'revoke devices',
      'update centre',
    ]);
  });
});
