// A staff socket lives no longer than its session: checked at the handshake and then every few seconds, it
// is closed once the session expires (by the injected clock) or its row is gone, and cannot come back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, SESSION_DAYS } from '../auth/auth.service.js';
import { ManualClock } from '../clock.js';
import { connectSocket, startTestCentre } from '../testing/index.js';
import type { TestCentre, TestSocket } from '../testing/index.js';

describe('staff sockets and the end of their session', () => {
  const clock = new ManualClock(Date.parse('2026-03-02T07:00:00Z'));
  let c: TestCentre;
  const sockets: TestSocket[] = [];

  const connect = async (token: string): Promise<TestSocket> => {
    const s = connectSocket(c.url, { token });
    sockets.push(s);
    await s.snapshot();
    return s;
  };
  const disconnected = (s: TestSocket) => new Promise<string>((resolve) => s.once('disconnect', resolve));
  const refusal = (token: string) =>
    new Promise<string>((resolve) => {
      const s = connectSocket(c.url, { token });
      sockets.push(s);
      s.once('connect_error', (e) => resolve(e.message));
      s.once('queue:snapshot', () => resolve('snapshot'));
    });

  beforeAll(async () => {
    // Checked every 50 ms here (15 s in a centre), so the test waits on the timer, not on a call.
    c = await startTestCentre({ ui: false, clock, sessionCheckMs: 50 });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await c?.close();
  });

  it('closes a socket when its session expires, and keeps a newer session’s', async () => {
    const old = await c.login('wanjiru');
    const socket = await connect(old);
    clock.advance(SESSION_DAYS * 86_400_000 - 60_000);
    const fresh = await c.login('manager');
    const kept = await connect(fresh);
    await new Promise((r) => setTimeout(r, 200));
    expect(socket.connected).toBe(true);

    const gone = disconnected(socket);
    clock.advance(60_000);
    expect(await gone).toBe('io server disconnect');
    expect(await refusal(old)).toBe('unauthorized');
    expect(kept.connected).toBe(true);
    expect(c.app.gateway.dropEndedSessions()).toBe(0);
  });

  it('closes a socket whose session was deleted', async () => {
    const token = await c.login('otieno');
    const socket = await connect(token);
    const gone = disconnected(socket);
    await c.app.ctx.writes.run(() => c.app.ctx.repos.sessions.delete(hashToken(token)));
    expect(await gone).toBe('io server disconnect');
    expect(await refusal(token)).toBe('unauthorized');
  });
});
