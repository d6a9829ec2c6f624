// Kiosk help on a real server: only a kiosk asks, only staff answer, every staff socket and the asking kiosk
// hear of it at once, a second tap is the same request, the first answer is kept, and unanswered requests
// stay on the staff's list however old (up to half a day) while answered ones leave it after 10 minutes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelpRequest } from '@foleni/shared';
import { ManualClock } from '../clock.js';
import { connectSocket, startTestCentre } from '../testing/index.js';
import type { TestCentre, TestSocket } from '../testing/index.js';

describe('kiosk help requests', () => {
  const clock = new ManualClock(Date.parse('2026-03-02T10:00:00+03:00'));
  let c: TestCentre;
  let clerk: string;
  let manager: string;
  let admin: string;
  const sockets: TestSocket[] = [];
  const socket = async (token: string): Promise<TestSocket> => {
    const s = connectSocket(c.url, { token });
    sockets.push(s);
    await s.snapshot();
    return s;
  };

  beforeAll(async () => {
    c = await startTestCentre({ ui: false, clock });
    [clerk, manager, admin] = await Promise.all([c.login('wanjiru'), c.login('manager'), c.login('admin')]);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await c?.close();
  });

  it('lets only kiosks ask and only staff list and answer', async () => {
    const asked = await c.api('POST', '/kiosk/help', { auth: c.kioskToken });
    expect(asked.status).toBe(201);
    const id = (asked.body.request as HelpRequest).id;
    expect((await c.api('POST', '/kiosk/help', { auth: c.displayToken })).status).toBe(403);
    for (const staff of [clerk, manager, admin]) expect((await c.api('POST', '/kiosk/help', { auth: staff })).status).toBe(403);
    expect((await c.api('POST', '/kiosk/help')).status).toBe(401);

    for (const staff of [clerk, manager, admin]) expect((await c.api('GET', '/kiosk/help', { auth: staff })).status).toBe(200);
    expect((await c.api('GET', '/kiosk/help', { auth: c.kioskToken })).status).toBe(403);
    expect((await c.api('GET', '/kiosk/help', { auth: c.displayToken })).status).toBe(403);
    expect((await c.api('GET', '/kiosk/help')).status).toBe(401);

    expect((await c.api('POST', `/kiosk/help/${id}/answer`, { auth: c.kioskToken })).status).toBe(403);
    expect((await c.api('POST', `/kiosk/help/${id}/answer`, { auth: c.displayToken })).status).toBe(403);
    expect((await c.api('POST', `/kiosk/help/${id}/answer`)).status).toBe(401);
    expect((await c.api('POST', '/kiosk/help/help_nosuch/answer', { auth: clerk })).status).toBe(404);
    expect((await c.api('POST', `/kiosk/help/${id}/answer`, { auth: clerk })).status).toBe(200);
  });

  it('alerts every staff socket and tells the kiosk who is coming', async () => {
    const [clerkSocket, managerSocket, kioskSocket, displaySocket] = await Promise.all([socket(clerk), socket(manager), socket(c.kioskToken), socket(c.displayToken)]);

    const asked = await c.api('POST', '/kiosk/help', { auth: c.kioskToken });
    expect(asked.status).toBe(201);
    const request = asked.body.request as HelpRequest;
    expect(request).toMatchObject({ kioskName: 'Entrance kiosk', askedAt: new Date(clock.now()).toISOString(), answeredAt: null, answeredBy: null });
    for (const s of [clerkSocket, managerSocket, kioskSocket]) expect((await s.next('kiosk:help')).request).toEqual(request);

    // A second tap while nobody has answered is the same request: staff are not alerted again.
    clock.advanceMinutes(1);
    const again = await c.api('POST', '/kiosk/help', { auth: c.kioskToken });
    expect(again.status).toBe(200);
    expect(again.body.request.id).toBe(request.id);

    clock.advanceMinutes(1);
    const answered = await c.api('POST', `/kiosk/help/${request.id}/answer`, { auth: clerk });
    expect(answered.body.request).toMatchObject({ id: request.id, answeredBy: { name: 'Wanjiru Kamau' }, answeredAt: new Date(clock.now()).toISOString() });
    for (const s of [clerkSocket, managerSocket, kioskSocket]) expect((await s.next('kiosk:help')).request.answeredBy?.name).toBe('Wanjiru Kamau');

    // The manager answers too late: the clerk stays the one coming, and nobody is told again.
    const late = await c.api('POST', `/kiosk/help/${request.id}/answer`, { auth: manager });
    expect(late.status).toBe(200);
    expect(late.body.request.answeredBy.name).toBe('Wanjiru Kamau');
    await new Promise((r) => setTimeout(r, 200));
    const helpEvents = (s: TestSocket) => s.received.filter((e) => e.event === 'kiosk:help').length;
    expect([helpEvents(clerkSocket), helpEvents(kioskSocket), helpEvents(displaySocket)]).toEqual([2, 2, 0]);
  });

  it('keeps unanswered requests on the list and drops answered ones after 10 minutes', async () => {
    const listed = async () => ((await c.api('GET', '/kiosk/help', { auth: clerk })).body.items as HelpRequest[]).map((r) => r.answeredBy?.name ?? 'open');
    clock.advanceMinutes(11);
    expect(await listed()).toEqual([]);
    const asked = await c.api('POST', '/kiosk/help', { auth: c.kioskToken });
    expect(asked.status).toBe(201);
    clock.advanceMinutes(45);
    expect(await listed()).toEqual(['open']);
    await c.api('POST', `/kiosk/help/${asked.body.request.id}/answer`, { auth: manager });
    clock.advanceMinutes(9);
    expect(await listed()).toEqual(['Grace Muthoni']);
    clock.advanceMinutes(2);
    expect(await listed()).toEqual([]);
  });
});
