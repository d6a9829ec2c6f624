// Head-office accounts: sign-in with the centre's scrypt hashes and throttle, the session cookie taken only
// from head office's own pages, and what an analyst and a centre key may and may not do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, HQ_ADMIN_PASSWORD, startTestHq } from './testing/hq-test-env.js';
import type { TestHq } from './testing/hq-test-env.js';

describe.each(BACKENDS)('head-office accounts on %s', (backend) => {
  let hq: TestHq;
  beforeAll(async () => {
    hq = await startTestHq(backend);
  }, 120_000);
  afterAll(async () => hq?.close());

  it('signs in with the right password only, and stores no password in clear', async () => {
    const ok = await hq.call<{ user: { username: string; role: string }; token: string }>('POST', '/auth/login', { body: { username: 'Admin', password: HQ_ADMIN_PASSWORD } });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ username: 'admin', role: 'admin' });
    expect(ok.body.token).toMatch(/^fhs_/);
    const wrong = await hq.call('POST', '/auth/login', { body: { username: 'admin', password: 'not-the-password' } });
    expect(wrong.status).toBe(401);
    const [row] = await hq.sql.query<{ password_hash: string }>("SELECT password_hash FROM hq_users WHERE username = 'admin'");
    expect(row!.password_hash).toMatch(/^scrypt\$/);
    const me = await hq.call<{ user: { username: string } }>('GET', '/auth/me', { token: ok.body.token });
    expect(me.body.user.username).toBe('admin');
    await hq.call('POST', '/auth/logout', { token: ok.body.token });
    expect((await hq.call('GET', '/auth/me', { token: ok.body.token })).status).toBe(401);
  });

  it('slows a guesser down after five wrong passwords', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await hq.call('POST', '/auth/login', { body: { username: 'guessed', password: `guess-${i}-wrong` } })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
  });

  it('lets an analyst read figures but not register centres or accounts', async () => {
    const made = await hq.call('POST', '/users', { token: hq.adminToken, body: { username: 'wanjiku', password: 'Figures-of-the-nation-7', role: 'analyst' } });
    expect(made.status).toBe(201);
    expect((await hq.call('POST', '/users', { token: hq.adminToken, body: { username: 'weak', password: 'password1', role: 'analyst' } })).status).toBe(400);
    const login = await hq.call<{ token: string }>('POST', '/auth/login', { body: { username: 'wanjiku', password: 'Figures-of-the-nation-7' } });
    const token = login.body.token;
    expect((await hq.call('GET', '/centres', { token })).status).toBe(200);
    expect((await hq.call('GET', '/report?from=2026-12-01&to=2026-12-07', { token })).status).toBe(200);
    expect((await hq.call('POST', '/centres', { token, body: { code: 'NRB-X', name: 'X', kind: 'centre' } })).status).toBe(403);
    expect((await hq.call('POST', '/users', { token, body: { username: 'other', password: 'Figures-of-the-nation-8', role: 'admin' } })).status).toBe(403);
    expect((await hq.call('GET', '/centres')).status).toBe(401);
  });

  it('shows a centre key once and stores it hashed; a code is registered once', async () => {
    const r = await hq.call<{ centre: { code: string; kind: string }; key: string }>('POST', '/centres', { token: hq.adminToken, body: { code: 'nrb-gpo', name: 'Huduma GPO', kind: 'centre', county: 'Nairobi' } });
    expect(r.status).toBe(201);
    expect(r.body.centre).toMatchObject({ code: 'NRB-GPO', kind: 'centre' });
    expect(r.body.key).toMatch(/^fhk_/);
    const stored = await hq.sql.query<{ key_hash: string }>('SELECT key_hash FROM centres');
    expect(stored.map((s) => s.key_hash)).not.toContain(r.body.key);
    expect((await hq.call('POST', '/centres', { token: hq.adminToken, body: { code: 'NRB-GPO', name: 'Again', kind: 'centre' } })).status).toBe(409);
    const orphan = await hq.call<{ error: { code: string } }>('POST', '/centres', { token: hq.adminToken, body: { code: 'OUT-1', name: 'Team', kind: 'outreach', parentCode: 'NOPE' } });
    expect(orphan.body.error.code).toBe('unknown-parent');
    const list = await hq.call<{ items: unknown[] }>('GET', '/centres', { token: hq.adminToken });
    expect(JSON.stringify(list.body)).not.toContain('fhk_');
  });

  it("takes the session cookie only from head office's own pages", async () => {
    const login = await fetch(`${hq.api}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: HQ_ADMIN_PASSWORD }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect(cookie).toMatch(/^foleni_hq_session=fhs_/);
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    const own = await fetch(`${hq.api}/centres`, { headers: { cookie, origin: hq.url } });
    expect(own.status).toBe(200);
    const foreign = await fetch(`${hq.api}/centres`, { headers: { cookie, origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('cross-origin');
  });

  it('serves its OpenAPI document', async () => {
    const doc = (await (await fetch(`${hq.api}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/ingest', '/import', '/centres', '/report', '/auth/login']));
    expect(doc.paths['/ingest']!.post).toBeDefined();
  });
});
