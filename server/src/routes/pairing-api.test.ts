// Pairing a kiosk or display: an admin's link carries a one-time code, valid 15 minutes, that a screen
// exchanges once for the device's token (POST /devices/pair). The link is never the token.
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { connectSocket, startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';

describe('pairing a screen', () => {
  let c: TestCentre | undefined;
  afterEach(async () => {
    await c?.close();
    c = undefined;
  });

  const pair = (centre: TestCentre, code: string | null, headers: Record<string, string> = {}) =>
    centre.api('POST', '/devices/pair', { body: { code }, headers });

  it('gives a new device a one-time code, exchanged once for its token; the admin sees when and which browser', async () => {
    const clock = new ManualClock(Date.parse('2026-03-02T07:00:00Z'));
    c = await startTestCentre({ clock, ui: false });
    const admin = await c.login('admin');
    const created = await c.api('POST', '/admin/devices', { auth: admin, body: { kind: 'display', name: 'Annex screen', zone: 'annex' } });
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('token');
    const { pairing, device } = created.body;
    expect(pairing.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(pairing.url).toBe(`${c.url}/display?pair=${pairing.code}`);
    expect(pairing.expiresAt).toBe('2026-03-02T07:15:00.000Z');
    expect(device).toMatchObject({ status: 'active', pairedAt: null, pairedBy: null });
    // Only the code's hash is kept.
    expect(JSON.stringify(c.db.prepare('SELECT * FROM pairing_codes').all())).not.toContain(pairing.code);

    clock.advanceMinutes(14);
    const paired = await pair(c, pairing.code, { 'user-agent': CHROME });
    expect(paired.status).toBe(200);
    expect(paired.body.device).toMatchObject({ id: device.id, kind: 'display', pairedAt: '2026-03-02T07:14:00.000Z', pairedBy: CHROME });
    const token = paired.body.token as string;
    expect((await c.api('GET', '/auth/me', { auth: token })).body.device.id).toBe(device.id);

    // The same link a second time, from this browser or any other: refused, and the token stays good.
    const again = await pair(c, pairing.code);
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('pairing-code-used');
    expect(again.body.error.message).toMatch(/new pairing link/);
    expect((await c.api('GET', '/auth/me', { auth: token })).status).toBe(200);

    const listed = (await c.api('GET', '/admin/devices', { auth: admin })).body.items.find((d: { id: string }) => d.id === device.id);
    expect(listed).toMatchObject({ pairedAt: '2026-03-02T07:14:00.000Z', pairedBy: CHROME });
    const audit = (await c.api('GET', '/admin/audit', { auth: admin })).body.items;
    expect(audit[0]).toMatchObject({ action: 'pair', entity: 'devices', entityId: device.id, userId: null });
  });

  it('refuses an expired code, an unknown one, and one replaced by a newer link', async () => {
    const clock = new ManualClock(Date.parse('2026-03-02T07:00:00Z'));
    c = await startTestCentre({ clock, ui: false });
    const admin = await c.login('admin');
    const created = await c.api('POST', '/admin/devices', { auth: admin, body: { kind: 'kiosk', name: 'Annex kiosk', printer: { url: 'preview', paperWidth: 80 } } });
    const id = created.body.device.id as string;

    clock.advanceMinutes(15);
    const late = await pair(c, created.body.pairing.code);
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('pairing-code-expired');

    const unknown = await pair(c, 'ZZZZZZZZ');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('pairing-code-unknown');
    expect((await pair(c, 'not-a-pairing-code')).body.error.code).toBe('invalid-body');
    expect((await pair(c, 'UUUUUUUU')).body.error.code).toBe('invalid-body');

    // Two links in a row: only the newer works. A code reads the same in lower case, with a dash, with O for 0.
    const older = await c.api('POST', `/admin/devices/${id}/pairing-link`, { auth: admin });
    const newer = await c.api('POST', `/admin/devices/${id}/pairing-link`, { auth: admin });
    expect(newer.status).toBe(201);
    expect((await pair(c, older.body.pairing.code)).body.error.code).toBe('pairing-code-expired');
    const code = newer.body.pairing.code as string;
    const typed = `${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l');
    expect((await pair(c, typed)).status).toBe(200);
  });

  it('moves the device to the screen that uses a new link, and closes the old screen’s sockets', async () => {
    c = await startTestCentre({ ui: false });
    const admin = await c.login('admin');
    const kiosk = c.app.ctx.repos.devices.list().find((d) => d.kind === 'kiosk')!;
    const old = connectSocket(c.url, { token: c.kioskToken });
    await old.snapshot();

    // Making the link changes nothing for the kiosk in use.
    const link = await c.api('POST', `/admin/devices/${kiosk.id}/pairing-link`, { auth: admin });
    expect(link.body.device.pairedAt).not.toBeNull();
    expect((await c.api('GET', '/auth/me', { auth: c.kioskToken })).status).toBe(200);
    expect(old.connected).toBe(true);

    const closed = new Promise<string>((resolve) => old.once('disconnect', resolve));
    const moved = await pair(c, link.body.pairing.code);
    expect(moved.status).toBe(200);
    expect(await closed).toBe('io server disconnect');
    expect((await c.api('GET', '/auth/me', { auth: c.kioskToken })).status).toBe(401);
    expect((await c.api('POST', '/tickets', { auth: moved.body.token, body: { serviceId: c.serviceId('A') } })).status).toBe(201);
    old.close();
  });

  it('withdraws the token at once on rotation or revocation, and a revoked device pairs again with a new link', async () => {
    c = await startTestCentre({ ui: false });
    const admin = await c.login('admin');
    const display = c.app.ctx.repos.devices.list().find((d) => d.kind === 'display')!;

    const rotated = await c.api('PATCH', `/admin/devices/${display.id}`, { auth: admin, body: { rotateToken: true } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.device).toMatchObject({ status: 'active', pairedAt: null });
    expect(rotated.body.pairing.url).toMatch(/\/display\?pair=/);
    expect((await c.api('GET', '/auth/me', { auth: c.displayToken })).status).toBe(401);
    const token = (await pair(c, rotated.body.pairing.code)).body.token as string;

    // Revoking ends the unused link too.
    const pending = await c.api('POST', `/admin/devices/${display.id}/pairing-link`, { auth: admin });
    expect((await c.api('DELETE', `/admin/devices/${display.id}`, { auth: admin })).body.device).toMatchObject({ status: 'revoked', pairedAt: null });
    expect((await c.api('GET', '/auth/me', { auth: token })).status).toBe(401);
    expect((await pair(c, pending.body.pairing.code)).body.error.code).toBe('pairing-code-expired');

    const fresh = await c.api('POST', `/admin/devices/${display.id}/pairing-link`, { auth: admin });
    expect(fresh.body.device.status).toBe('revoked');
    const back = await pair(c, fresh.body.pairing.code);
    expect(back.body.device.status).toBe('active');
    expect((await c.api('GET', '/auth/me', { auth: back.body.token })).status).toBe(200);
  });

  it('limits pairing attempts from one address', async () => {
    c = await startTestCentre({ ui: false, rateLimits: true });
    const answers: number[] = [];
    for (let i = 0; i < 11; i++) answers.push((await pair(c, 'ZZZZZZZZ')).status);
    expect(answers.slice(0, 10)).toEqual(Array(10).fill(404));
    expect(answers[10]).toBe(429);
  });
});
