import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../clock.js';
import { createLogger } from '../logger.js';
import { DEMO_STAFF_PASSWORD, startTestCentre } from '../testing/index.js';
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

  it('slows a name at an address after five failures, whatever padding or case the name is sent with', async () => {
    const clock = new ManualClock(Date.parse('2026-03-02T08:00:00Z'));
    const lines: string[] = [];
    c = await startTestCentre({ ui: false, rateLimits: true, clock, log: createLogger('info', (l) => lines.push(l)) });
    // One name to the throttle as to the database: padding and case made fresh buckets that signed in.
    for (const [i, username] of [' mwangi', 'mwangi\t', 'MWANGI', 'Mwangi ', '\u00a0mwangi'].entries()) {
      expect((await c.api('POST', '/auth/login', { body: { username, password: `guess-${i}` } })).status, JSON.stringify(username)).toBe(401);
    }
    // The sixth try waits, even with the right password: its answer would tell a guesser it was right.
    const limited = await c.api('POST', '/auth/login', { body: { username: 'mwangi ', password: DEMO_STAFF_PASSWORD } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.body.error).toMatchObject({ code: 'rate-limited', details: { retryAfterSeconds: 1 } });
    expect(limited.body.error.message).toMatch(/Wait 1 second and try again/);
    // Slowed, not locked: after the wait the right password works, and the name starts afresh.
    clock.advance(1000);
    expect((await c.api('POST', '/auth/login', { body: { username: ' Mwangi', password: DEMO_STAFF_PASSWORD } })).status).toBe(200);
    expect((await c.api('POST', '/auth/login', { body: { username: 'mwangi', password: 'guess-again' } })).status).toBe(401);

    // Each failure and each refusal is logged with the name and address as sent through the normaliser,
    // and no password, right or wrong, is ever written.
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const failures = logged.filter((l) => l.msg === 'sign-in failed');
    expect(failures).toHaveLength(6);
    expect(failures[0]).toMatchObject({ level: 'info', username: 'mwangi', address: '127.0.0.1', reason: 'wrong-password', during: 'sign-in' });
    expect(logged.filter((l) => l.msg === 'sign-in throttled')).toEqual([
      expect.objectContaining({ username: 'mwangi', address: '127.0.0.1', reason: 'name-and-address', retryAfterSeconds: 1 }),
    ]);
    for (const l of lines) expect(l).not.toMatch(/guess-|foleni-demo/);
  });

  it('never locks the clerk at their own address out because of failures elsewhere, and tells the admin once', async () => {
    const lines: string[] = [];
    // Addresses as a proxy in front reports them: each phone on the Wi-Fi is its own.
    c = await startTestCentre({ ui: false, rateLimits: true, trustProxy: 'loopback', log: createLogger('info', (l) => lines.push(l)) });
    const from = (address: string) => ({ 'x-forwarded-for': address });
    for (let i = 0; i < 25; i++) {
      const res = await c.api('POST', '/auth/login', { body: { username: 'wanjiru', password: `guess-${i}` }, headers: from(`10.0.${i >> 2}.${i}`) });
      expect(res.status).toBe(401);
    }
    const clerk = await c.api('POST', '/auth/login', { body: { username: 'wanjiru', password: DEMO_STAFF_PASSWORD }, headers: from('192.168.1.50') });
    expect(clerk.status).toBe(200);

    const admin = await c.login('admin');
    const audit = await c.api<{ items: { action: string; entity: string; entityId: string; data: Record<string, unknown>; userId: string | null }[] }>('GET', '/admin/audit', { auth: admin });
    const attacks = audit.body.items.filter((a) => a.action === 'login-attack');
    expect(attacks).toEqual([
      expect.objectContaining({ entity: 'users', entityId: c.app.ctx.repos.users.byUsername('wanjiru')!.id, userId: null, data: expect.objectContaining({ username: 'wanjiru', failures: 20, addresses: 20 }) }),
    ]);
    const warnings = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.level === 'warn');
    expect(warnings).toEqual([expect.objectContaining({ username: 'wanjiru', failures: 20 })]);
    expect(lines.filter((l) => l.includes('"sign-in failed"') && l.includes('"address":"10.0.'))).toHaveLength(25);
  });

  it('slows one address trying many names, and only that address', async () => {
    c = await startTestCentre({ ui: false, rateLimits: true, trustProxy: 'loopback' });
    const sprayer = { 'x-forwarded-for': '10.9.9.9' };
    for (let i = 0; i < 20; i++) expect((await c.api('POST', '/auth/login', { body: { username: `name${i}`, password: 'password-1' }, headers: sprayer })).status).toBe(401);
    const next = await c.api('POST', '/auth/login', { body: { username: 'otieno', password: DEMO_STAFF_PASSWORD }, headers: sprayer });
    expect(next.status).toBe(429);
    expect(next.body.error.message).toMatch(/from this device/);
    expect((await c.api('POST', '/auth/login', { body: { username: 'otieno', password: DEMO_STAFF_PASSWORD }, headers: { 'x-forwarded-for': '10.9.9.10' } })).status).toBe(200);
  });

  it('counts only failures: a clerk signing in all day is never slowed', async () => {
    c = await startTestCentre({ ui: false, rateLimits: true });
    for (let i = 0; i < 30; i++) expect((await c.api('POST', '/auth/login', { body: { username: 'achieng', password: DEMO_STAFF_PASSWORD } })).status).toBe(200);
  });

  it('marks the cookie Secure behind a TLS proxy it is told to trust, and only then', async () => {
    const https = { 'x-forwarded-proto': 'https' };
    const body = { username: 'kiprop', password: DEMO_STAFF_PASSWORD };
    c = await startTestCentre({ ui: false, trustProxy: 1 });
    expect((await c.api('POST', '/auth/login', { body, headers: https })).headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    expect((await c.api('POST', '/auth/login', { body })).headers.get('set-cookie')).not.toMatch(/Secure/i);
    await c.close();
    // Not behind a proxy: a client cannot claim https (or another address) by sending the header itself.
    c = await startTestCentre({ ui: false });
    expect((await c.api('POST', '/auth/login', { body, headers: https })).headers.get('set-cookie')).not.toMatch(/Secure/i);
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
