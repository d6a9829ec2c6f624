// Writes and sockets that the session cookie authenticates are taken only from the server's own origins;
// bearer-token callers are not cookie-borne and are let through from anywhere. (The same attack from a real
// page in Chromium: counter-ui/tests/cross-origin.test.ts.)
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

describe('same-origin requests and sockets', () => {
  let c: TestCentre;
  let clerk: string;
  let counter = '';
  const status = () => c.app.ctx.repos.counters.get(counter)!.status;
  const pause = (headers: Record<string, string>) => c.api('POST', `/counters/${counter}/pause`, { headers });
  const cookie = () => ({ cookie: `foleni_session=${clerk}` });

  beforeAll(async () => {
    c = await startTestCentre({ ui: false });
    clerk = await c.login('wanjiru');
    counter = c.counterId('1');
  });
  afterAll(() => c?.close());

  it('refuses a cookie-borne request from another origin or site, and takes one from its own', async () => {
    expect((await c.api('POST', `/counters/${counter}/open`, { auth: clerk })).status).toBe(200);
    const foreign = `http://127.0.0.1:${Number(new URL(c.url).port) + 1}`;
    for (const headers of <Record<string, string>[]>[
      { origin: foreign },
      { origin: 'null' },
      { origin: c.url.replace('http:', 'https:') },
      { origin: 'http://localhost.evil.example' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site', origin: c.url },
    ]) {
      const res = await pause({ ...cookie(), ...headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.body.error.code).toBe('cross-origin');
    }
    // A sign-out is a write too: another page may not end the clerk's session.
    expect((await c.api('POST', '/auth/logout', { headers: { ...cookie(), origin: foreign } })).status).toBe(403);
    expect(status()).toBe('open');

    // Its own page: the Origin it was reached at, or the public URL's.
    expect((await pause({ ...cookie(), origin: c.url, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect(status()).toBe('paused');
    expect((await c.api('POST', `/counters/${counter}/open`, { headers: { ...cookie(), origin: c.app.ctx.config.publicUrl } })).status).toBe(200);
    // Reads too: an <img> on another page of the same site could ask for a year's report or a backup.
    expect((await c.api('GET', '/counters', { headers: { ...cookie(), 'sec-fetch-site': 'same-site' } })).status).toBe(403);
    expect((await c.api('GET', '/counters', { headers: { ...cookie(), origin: foreign } })).status).toBe(403);
    expect((await c.api('GET', '/counters', { headers: { ...cookie(), 'sec-fetch-site': 'same-origin' } })).status).toBe(200);
    // A bearer token is not cookie-borne, whatever page it came from.
    expect((await c.api('GET', '/counters', { auth: clerk, headers: { origin: foreign, 'sec-fetch-site': 'same-site' } })).status).toBe(200);
    expect((await c.api('POST', `/counters/${counter}/pause`, { auth: clerk, headers: { ...cookie(), origin: foreign, 'sec-fetch-site': 'cross-site' } })).status).toBe(200);
    expect(status()).toBe('paused');
    await c.api('POST', `/counters/${counter}/close`, { auth: clerk });
  });

  it('refuses a socket that the cookie authenticates from another origin, and lets its own in', async () => {
    const connect = (headers: Record<string, string>, auth: Record<string, string> = {}) =>
      new Promise<string>((resolve) => {
        const socket = io(c.url, { auth, extraHeaders: headers, transports: ['websocket'], reconnection: false, forceNew: true });
        socket.once('queue:snapshot', (s) => {
          resolve(`snapshot ${s.kind}`);
          socket.disconnect();
        });
        socket.once('connect_error', (e) => resolve(`refused: ${e.message}`));
      });
    const foreign = `http://127.0.0.1:${Number(new URL(c.url).port) + 1}`;
    expect(await connect({ ...cookie(), origin: foreign })).toBe('refused: cross-origin');
    expect(await connect({ ...cookie(), origin: c.url, 'sec-fetch-site': 'same-site' })).toBe('refused: cross-origin');
    expect(await connect({ ...cookie(), origin: c.url })).toBe('snapshot staff');
    // A token in the handshake is the screen's own, not a cookie the browser added.
    expect(await connect({ origin: foreign }, { token: clerk })).toBe('snapshot staff');
  });
});
