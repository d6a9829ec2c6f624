// Staff passwords: the common ones are refused wherever a password is set, and staff change their own.
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_STAFF_PASSWORD, startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

describe('staff passwords', () => {
  let c: TestCentre | undefined;
  afterEach(async () => {
    await c?.close();
    c = undefined;
  });

  it('refuses common, one-character and username passwords in the admin form’s words', async () => {
    c = await startTestCentre({ ui: false });
    const admin = await c.login('admin');
    const user = { username: 'newclerk', displayName: 'New Clerk', role: 'clerk' };
    for (const [password, words] of [
      ['password1', /most common passwords/],
      ['Sunshine', /most common passwords/],
      ['12345678', /most common passwords/],
      ['aaaaaaaa', /one character repeated/],
      ['NEWCLERK', /is the username/],
      ['abcdefgh', /a run of letters or digits/],
      ['87654321', /a run of letters or digits/],
      ['admin123', /a word guessers try first/],
      ['Huduma2026!', /a word guessers try first/],
      ['newclerk-2026', /a word guessers try first/],
    ] as const) {
      const res = await c.api('POST', '/admin/users', { auth: admin, body: { ...user, password } });
      expect(res.status, password).toBe(400);
      expect(res.body.error.code).toBe('invalid-body');
      expect(res.body.error.message).toMatch(words);
      expect(res.body.error.details).toEqual([{ path: 'password', message: res.body.error.message }]);
    }
    expect(c.app.ctx.repos.users.byUsername('newclerk')).toBeUndefined();
    const otieno = c.app.ctx.repos.users.byUsername('otieno')!;
    const reset = await c.api('PATCH', `/admin/users/${otieno.id}`, { auth: admin, body: { password: 'zzzzzzzzzz' } });
    expect(reset.status).toBe(400);
    expect((await c.api('PATCH', `/admin/users/${otieno.id}`, { auth: admin, body: { password: 'qwertyuiop' } })).status).toBe(400);
    expect((await c.api('POST', '/admin/users', { auth: admin, body: { ...user, password: 'chai-na-mandazi' } })).status).toBe(201);
  });

  it('lets a clerk change their own password, signing out their other sessions only', async () => {
    c = await startTestCentre({ ui: false });
    const here = await c.login('wanjiru');
    const other = await c.api<{ token: string }>('POST', '/auth/login', { body: { username: 'wanjiru', password: DEMO_STAFF_PASSWORD } });
    expect(other.body.token).not.toBe(here);
    const manager = await c.login('manager');
    const change = (auth: string, body: unknown) => c!.api('POST', '/auth/password', { auth, body });

    const wrong = await change(here, { currentPassword: 'not-my-password', newPassword: 'chai-na-mandazi' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('wrong-password');
    const common = await change(here, { currentPassword: DEMO_STAFF_PASSWORD, newPassword: 'iloveyou' });
    expect(common.status).toBe(400);
    expect(common.body.error).toMatchObject({ code: 'invalid-body', details: [{ path: 'newPassword' }] });
    const short = await change(here, { currentPassword: DEMO_STAFF_PASSWORD, newPassword: 'short' });
    expect(short.body.error.details).toEqual([{ path: 'newPassword', message: expect.stringMatching(/^New password/) }]);
    expect((await c.api('GET', '/auth/me', { auth: other.body.token })).status).toBe(200);

    expect((await change(here, { currentPassword: DEMO_STAFF_PASSWORD, newPassword: 'chai-na-mandazi' })).status).toBe(204);
    expect((await c.api('GET', '/auth/me', { auth: here })).status).toBe(200);
    expect((await c.api('GET', '/auth/me', { auth: other.body.token })).status).toBe(401);
    // Someone else's session is not touched.
    expect((await c.api('GET', '/auth/me', { auth: manager })).status).toBe(200);
    expect((await c.api('POST', '/auth/login', { body: { username: 'wanjiru', password: DEMO_STAFF_PASSWORD } })).status).toBe(401);
    expect((await c.api('POST', '/auth/login', { body: { username: 'wanjiru', password: 'chai-na-mandazi' } })).status).toBe(200);

    const admin = await c.login('admin');
    const audit = await c.api<{ items: { action: string; entityId: string; userId: string; data: unknown }[] }>('GET', '/admin/audit', { auth: admin });
    const wanjiru = c.app.ctx.repos.users.byUsername('wanjiru')!.id;
    expect(audit.body.items.filter((a) => a.action === 'change-own-password')).toEqual([
      expect.objectContaining({ userId: wanjiru, entityId: wanjiru, data: { signedOutSessions: 1 } }),
    ]);
    expect(JSON.stringify(audit.body.items)).not.toContain('chai-na-mandazi');
  });

  it('lists the accounts still on the demo password for the admin, not exposed while listening on loopback', async () => {
    c = await startTestCentre({ ui: false });
    const admin = await c.login('admin');
    const before = await c.api('GET', '/admin/warnings', { auth: admin });
    expect(before.body).toEqual({ demoAccountsExposed: false, demoAccounts: expect.arrayContaining(['manager', 'wanjiru', 'mwangi']) });
    const token = await c.login('mwangi');
    expect((await c.api('POST', '/auth/password', { auth: token, body: { currentPassword: DEMO_STAFF_PASSWORD, newPassword: 'chai-na-mandazi' } })).status).toBe(204);
    const after = await c.api('GET', '/admin/warnings', { auth: admin });
    expect(after.body.demoAccounts).not.toContain('mwangi');
    expect(after.body.demoAccounts).toContain('manager');
  });

  it('counts demo accounts as exposed behind a proxy, even on loopback (the README\'s TLS set-up)', async () => {
    c = await startTestCentre({ ui: false, trustProxy: 'loopback' });
    const admin = await c.login('admin');
    const res = await c.api('GET', '/admin/warnings', { auth: admin });
    expect(res.body).toEqual({ demoAccountsExposed: true, demoAccounts: expect.arrayContaining(['manager', 'wanjiru']) });
  });

  it('throttles guesses at the current password as it throttles sign-ins', async () => {
    c = await startTestCentre({ ui: false, rateLimits: true });
    const token = await c.login('otieno');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await c.api('POST', '/auth/password', { auth: token, body: { currentPassword: `guess-${i}`, newPassword: 'chai-na-mandazi' } })).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429]);
  });
});
