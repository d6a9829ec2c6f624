import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

describe('staff sign-in', () => {
  let c: TestCentre | undefined;
  afterEach(async () => {
    await c?.close();
    c = undefined;
  });

  it('signs in with an httpOnly, SameSite cookie and a bearer token, and signs out', async () => {
    c = await startTestCentre({ ui: false });
    const res = await fetch(`${c.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'Wanjiru', password: 'foleni-demo' }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: { username: string; role: string }; token: string };
    expect(body.user).toMatchObject({ username: 'wanjiru', role: 'clerk' });
    expect(body.user).not.toHaveProperty('passwordHash');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^foleni_session=fs_/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);

    const viaCookie = await fetch(`${c.url}/api/v1/auth/me`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(((await viaCookie.json()) as { user: { username: string } }).user.username).toBe('wanjiru');
    expect((await c.api('GET', '/auth/me', { auth: body.token })).status).toBe(200);

    expect((await c.api('POST', '/auth/logout', { auth: body.token })).status).toBe(204);
    expect((await c.api('GET', '/auth/me', { auth: body.token })).status).toBe(401);
  });

  it('refuses wrong passwords, unknown users and deactivated users alike', async () => {
    c = await startTestCentre({ ui: false });
    for (const [username, password] of [
      ['wanjiru', 'wrong-password'],
      ['nobody', 'foleni-demo'],
    ]) {
      const res = await c.api('POST', '/auth/login', { body: { username, password } });
      expect(res.status).toBe(401);
      expect(res.body.error).toEqual({ code: 'unauthorized', message: 'Wrong username or password.' });
    }
    const token = await c.login('otieno');
    const admin = await c.login('admin');
    const otieno = c.app.ctx.repos.users.byUsername('otieno')!;
    expect((await c.api('DELETE', `/admin/users/${otieno.id}`, { auth: admin })).status).toBe(200);
    expect((await c.api('GET', '/auth/me', { auth: token })).status).toBe(401);
    expect((await c.api('POST', '/auth/login', { body: { username: 'otieno', password: 'foleni-demo' } })).status).toBe(401);
  });

  it('keeps sessions across a restart (they are stored, hashed)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'foleni-restart-'));
    try {
      c = await startTestCentre({ ui: false, dataDir });
      const token = await c.login('manager');
      const stored = c.db.prepare('SELECT token_hash FROM sessions').pluck().all() as string[];
      expect(stored).not.toContain(token);
      await c.close({ keepData: true });
      c = await startTestCentre({ ui: false, dataDir });
      const me = await c.api('GET', '/auth/me', { auth: token });
      expect(me.status).toBe(200);
      expect(me.body.user.username).toBe('manager');
    } finally {
      await c?.close();
      c = undefined;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('rate-limits sign-in per address and per username', async () => {
    c = await startTestCentre({ ui: false, rateLimits: true });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await c.api('POST', '/auth/login', { body: { username: 'wanjiru', password: `guess-${i}` } })).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const limited = await c.api('POST', '/auth/login', { body: { username: 'wanjiru', password: 'foleni-demo' } });
    expect(limited.body.error.code).toBe('rate-limited');
  });

  it('rate-limits ticket issuing per kiosk well above what people can do', async () => {
    c = await startTestCentre({ ui: false, rateLimits: true });
    const serviceId = c.serviceId('A');
    const statuses = await Promise.all(
      Array.from({ length: 35 }, () => c!.api('POST', '/tickets', { auth: c!.kioskToken, body: { serviceId } }).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    expect(c.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(30);
  });

  it('does not count a kiosk asking again about a ticket it already has', async () => {
    c = await startTestCentre({ ui: false, rateLimits: true });
    const body = { serviceId: c.serviceId('A') };
    const first = await c.api('POST', '/tickets', { auth: c.kioskToken, body, headers: { 'idempotency-key': 'same-tap-000' } });
    expect(first.status).toBe(201);
    for (let i = 0; i < 40; i++) {
      const again = await c.api('POST', '/tickets', { auth: c.kioskToken, body, headers: { 'idempotency-key': 'same-tap-000' } });
      expect(again.status).toBe(200);
    }
    const fresh = await c.api('POST', '/tickets', { auth: c.kioskToken, body, headers: { 'idempotency-key': 'next-tap-001' } });
    expect(fresh.status).toBe(201);
  });

  it('refuses revoked device tokens', async () => {
    c = await startTestCentre({ ui: false });
    const admin = await c.login('admin');
    const kiosk = c.app.ctx.repos.devices.list().find((d) => d.kind === 'kiosk')!;
    expect((await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('A') } })).status).toBe(201);
    await c.api('DELETE', `/admin/devices/${kiosk.id}`, { auth: admin });
    const after = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('A') } });
    expect(after.status).toBe(401);
  });
});
