// Half a character (a lone UTF-16 surrogate, sent as a JSON escape) is refused in every body, before its
// schema: SQLite would store it garbled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

describe('text in request bodies', () => {
  let c: TestCentre;
  let admin: string;
  beforeAll(async () => {
    c = await startTestCentre({ ui: false });
    admin = await c.login('admin');
  });
  afterAll(() => c.close());

  /** Sends `json` as it is written: `\\ud800` stays an escape, so the server parses it into a lone surrogate. */
  const raw = (method: string, path: string, json: string, auth?: string) => c.api(method, path, { body: json, ...(auth ? { auth } : {}) });

  it('refuses a lone surrogate in any text field, nested or not, and in a key', async () => {
    const otieno = c.app.ctx.repos.users.byUsername('otieno')!.id;
    const cases: [string, string, string, string | undefined, string][] = [
      ['PATCH', `/admin/users/${otieno}`, '{"displayName":"Otieno \\ud800"}', admin, 'displayName'],
      ['PATCH', '/admin/centre', '{"ticketFooter":{"en":"Karibu","sw":"\\udc00Karibu"}}', admin, 'ticketFooter.sw'],
      ['POST', '/auth/login', '{"username":"otieno\\ud83d","password":"foleni-demo"}', undefined, 'username'],
      ['POST', '/auth/login', '{"username":"otieno","password":"foleni-demo","\\ud800":1}', undefined, '\ud800'],
    ];
    for (const [method, path, json, auth, at] of cases) {
      const res = await raw(method, path, json, auth);
      expect(res.status, json).toBe(400);
      expect(res.body.error.code).toBe('invalid-body');
      expect(res.body.error.details[0].path).toBe(at);
    }
    expect(c.app.ctx.repos.users.get(otieno)!.displayName).toBe('Otieno Odhiambo');
  });

  it('refuses a body nested thousands deep with a 400, before walking it', async () => {
    const deep = `{"username":"a","password":"b","x":${'['.repeat(15_000)}${']'.repeat(15_000)}}`;
    const res = await raw('POST', '/auth/login', deep);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid-body');
    expect(res.body.error.message).toContain('nests deeper');
  });

  it('takes whole characters outside the BMP, written as a surrogate pair', async () => {
    const otieno = c.app.ctx.repos.users.byUsername('otieno')!.id;
    const res = await raw('PATCH', `/admin/users/${otieno}`, '{"displayName":"Otieno \\ud83d\\ude00"}', admin);
    expect(res.status).toBe(200);
    expect(res.body.user.displayName).toBe('Otieno 😀');
  });
});
