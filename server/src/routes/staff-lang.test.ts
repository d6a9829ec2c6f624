// A member of staff's language is kept with their account: chosen once, given back by /auth/me anywhere.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

describe('staff language', () => {
  let c: TestCentre | undefined;
  afterEach(async () => {
    await c?.close();
    c = undefined;
  });

  it('keeps the chosen language with the user, not the browser, and refuses other languages', async () => {
    c = await startTestCentre({ ui: false });
    const grace = await c.login('manager');
    expect((await c.api('GET', '/auth/me', { auth: grace })).body.lang).toBeNull();
    expect((await c.api('POST', '/me/lang', { auth: grace, body: { lang: 'sw' } })).status).toBe(204);
    // Another sign-in (another computer) reads it back; another user is untouched.
    const elsewhere = await c.login('manager');
    expect((await c.api('GET', '/auth/me', { auth: elsewhere })).body.lang).toBe('sw');
    expect((await c.api('GET', '/auth/me', { auth: await c.login('wanjiru') })).body.lang).toBeNull();
    expect((await c.api('POST', '/me/lang', { auth: grace, body: { lang: 'fr' } })).status).toBe(400);
    expect((await c.api('POST', '/me/lang', { body: { lang: 'sw' } })).status).toBe(401);
    expect((await c.api('POST', '/me/lang', { auth: grace, body: { lang: 'en' } })).status).toBe(204);
    expect((await c.api('GET', '/auth/me', { auth: elsewhere })).body.lang).toBe('en');
  });
});
