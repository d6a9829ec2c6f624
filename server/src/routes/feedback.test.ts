// Feedback after a visit: a rating in one tap, then at most one comment (PATCH), never before the rating,
// never twice, checked as strictly as a comment sent with the rating; only with the feedback key of the
// citizen's own link, which no staff screen, public view or export carries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakePrinter } from '../../../scripts/src/fake-printer/fake-printer.js';
import { ManualClock } from '../clock.js';
import { connectSocket, startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

/** The key in a citizen's link (`<publicUrl>/t/<id>#k=<key>`). */
function keyOf(trackUrl: string): string {
  const m = /#k=([A-Za-z0-9_-]+)$/.exec(trackUrl);
  if (!m) throw new Error(`no feedback key in ${trackUrl}`);
  return m[1]!;
}

describe('feedback comment after a rating', () => {
  let c: TestCentre;
  let clerk: string;
  const stored = (id: string) => c.db.prepare('SELECT f.rating, f.comment FROM feedback f JOIN tickets t ON t.rowid = f.ticket_rowid WHERE t.id = ?').get(id);

  /** A staff-issued ticket, served and done; the issuer's answer carries the citizen's link with its key. */
  async function visited(): Promise<{ id: string; key: string }> {
    const t = await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: c.serviceId('H') } });
    const id = t.body.ticket.id as string;
    expect((await c.api('POST', `/counters/${c.counterId('4')}/call`, { auth: clerk, body: { ticketId: id } })).status).toBe(200);
    await c.api('POST', `/tickets/${id}/start`, { auth: clerk });
    await c.api('POST', `/tickets/${id}/complete`, { auth: clerk });
    return { id, key: keyOf(t.body.ticket.trackUrl) };
  }

  beforeAll(async () => {
    c = await startTestCentre({ ui: false });
    clerk = await c.login('wanjiru');
    await c.api('POST', `/counters/${c.counterId('4')}/open`, { auth: clerk });
  });
  afterAll(() => c.close());

  it("refuses a rating or a comment from a signed-in clerk or a device, so the citizen's own still counts", async () => {
    const { id, key } = await visited();
    const manager = await c.login('manager');
    for (const auth of [clerk, manager, c.kioskToken, c.displayToken]) {
      const rated = await c.api('POST', `/tickets/${id}/feedback`, { auth, body: { rating: 5, comment: 'Excellent clerk', key } });
      expect(rated.status).toBe(403);
      expect(rated.body.error.code).toBe('citizen-only');
      const commented = await c.api('PATCH', `/tickets/${id}/feedback`, { auth, body: { comment: 'Excellent clerk', key } });
      expect(commented.status).toBe(403);
      expect(commented.body.error.code).toBe('citizen-only');
    }
    expect(stored(id)).toBeUndefined();
    // The session cookie counts as a staff session too.
    const cookie = await c.api('POST', `/tickets/${id}/feedback`, { body: { rating: 5, key }, headers: { cookie: `foleni_session=${clerk}`, origin: c.url } });
    expect(cookie.status).toBe(403);

    expect((await c.api('POST', `/tickets/${id}/feedback`, { body: { rating: 4, key } })).status).toBe(201);
    expect(c.db.prepare('SELECT f.rating, f.via FROM feedback f JOIN tickets t ON t.rowid = f.ticket_rowid WHERE t.id = ?').get(id)).toEqual({ rating: 4, via: 'tracker' });
  });

  it('takes one comment after the rating, from the holder of the link', async () => {
    const { id, key } = await visited();
    const early = await c.api('PATCH', `/tickets/${id}/feedback`, { body: { comment: 'Before rating', key } });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('no-rating');

    expect((await c.api('POST', `/tickets/${id}/feedback`, { body: { rating: 2, key } })).status).toBe(201);
    expect(stored(id)).toEqual({ rating: 2, comment: null });
    // The comment needs the key as the rating did.
    for (const body of [{ comment: 'Slow' }, { comment: 'Slow', key: `${key}x` }]) {
      const refused = await c.api('PATCH', `/tickets/${id}/feedback`, { body });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('feedback-key');
    }
    expect(stored(id)).toEqual({ rating: 2, comment: null });
    const added = await c.api('PATCH', `/tickets/${id}/feedback`, { body: { comment: '  The queue was slow, the clerk kind.  ', key } });
    expect(added.status).toBe(200);
    expect(added.body).toEqual({ ok: true });
    expect(stored(id)).toEqual({ rating: 2, comment: 'The queue was slow, the clerk kind.' });

    const again = await c.api('PATCH', `/tickets/${id}/feedback`, { body: { comment: 'Changed my mind', key } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('comment-given');
    expect(stored(id)).toEqual({ rating: 2, comment: 'The queue was slow, the clerk kind.' });
  });

  it('refuses a comment when the rating came with one', async () => {
    const { id, key } = await visited();
    expect((await c.api('POST', `/tickets/${id}/feedback`, { body: { rating: 5, comment: 'Haraka sana', key } })).status).toBe(201);
    const more = await c.api('PATCH', `/tickets/${id}/feedback`, { body: { comment: 'And more', key } });
    expect(more.status).toBe(409);
    expect(more.body.error.code).toBe('comment-given');
    expect(stored(id)).toEqual({ rating: 5, comment: 'Haraka sana' });
  });

  it('checks the comment as strictly as one sent with a rating', async () => {
    const { id, key } = await visited();
    expect((await c.api('POST', `/tickets/${id}/feedback`, { body: { rating: 3, key } })).status).toBe(201);
    for (const body of [{ key }, { comment: '', key }, { comment: '   ', key }, { comment: 'x'.repeat(1001), key }, { comment: 7, key }, { comment: 'ok', rating: 5, key }, { comment: 'ok', key: 7 }, { comment: 'ok', key: '' }]) {
      const res = await c.api('PATCH', `/tickets/${id}/feedback`, { body });
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(400);
    }
    expect(stored(id)).toEqual({ rating: 3, comment: null });
    // The longest comment a rating may carry is accepted here too.
    expect((await c.api('PATCH', `/tickets/${id}/feedback`, { body: { comment: 'y'.repeat(1000), key } })).status).toBe(200);
    expect((await c.api('PATCH', '/tickets/no-such-ticket-000/feedback', { body: { comment: 'Hello', key } })).status).toBe(404);
  });
});

describe('the feedback key: only the citizen’s own link rates the visit', () => {
  let printer: FakePrinter;
  let c: TestCentre;
  let clerk: string;
  let manager: string;
  const stored = (id: string) => c.db.prepare('SELECT f.rating, f.comment FROM feedback f JOIN tickets t ON t.rowid = f.ticket_rowid WHERE t.id = ?').get(id);

  beforeAll(async () => {
    printer = new FakePrinter();
    await printer.start();
    c = await startTestCentre({ ui: false, printerUrl: printer.url });
    clerk = await c.login('wanjiru');
    manager = await c.login('manager');
    await c.api('POST', `/counters/${c.counterId('4')}/open`, { auth: clerk });
  });
  afterAll(async () => {
    await c.close();
    await printer.stop();
  });

  it('gives the key to the citizen only: the kiosk’s answer, the printed QR and a reprint, never a staff or public view', async () => {
    const staff = connectSocket(c.url, { token: clerk });
    await staff.snapshot();
    const issued = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('H') } });
    expect(issued.status).toBe(201);
    const { id, label, day, trackUrl } = issued.body.ticket as { id: string; label: string; day: string; trackUrl: string };
    expect(trackUrl).toMatch(new RegExp(`^${c.url}/t/${id}#k=[A-Za-z0-9_-]{22}$`));
    const key = keyOf(trackUrl);
    await expect.poll(() => printer.jobs.filter((j) => j.text.includes(label)).length, { timeout: 8000 }).toBe(1);
    expect(printer.jobs.find((j) => j.text.includes(label))!.qrCodes).toEqual([trackUrl]);
    expect((await c.api('POST', `/tickets/${id}/reprint`, { auth: c.kioskToken })).status).toBe(200);
    await expect.poll(() => printer.jobs.filter((j) => j.text.includes(label)).length, { timeout: 8000 }).toBe(2);
    expect(printer.jobs.filter((j) => j.text.includes(label)).map((j) => j.qrCodes)).toEqual([[trackUrl], [trackUrl]]);

    // Everything a clerk, a manager or anyone holding the id sees of it, through its whole visit.
    const tracker = connectSocket(c.url, { ticketId: id });
    const seen: unknown[] = [await tracker.snapshot()];
    seen.push((await c.api('GET', '/queue', { auth: clerk })).body, (await c.api('GET', '/stats/live', { auth: manager })).body);
    seen.push((await c.api('GET', `/tickets/${id}`)).body);
    expect((await c.api('POST', `/counters/${c.counterId('4')}/call`, { auth: clerk, body: { ticketId: id } })).status).toBe(200);
    await c.api('POST', `/tickets/${id}/start`, { auth: clerk });
    const done = await c.api('POST', `/tickets/${id}/complete`, { auth: clerk });
    seen.push(done.body, (await c.api('GET', `/tickets/${id}`)).body);
    const heardDone = (sock: typeof staff) => sock.received.some((r) => r.event === 'ticket:updated' && JSON.stringify(r.payload).includes('"completed"'));
    await expect.poll(() => heardDone(staff) && heardDone(tracker)).toBe(true);
    staff.emit('queue:resync');
    seen.push(await staff.snapshot(), staff.received, tracker.received);
    const exported = await fetch(`${c.url}/api/v1/stats/events?day=${day}`, { headers: { authorization: `Bearer ${manager}` } });
    seen.push(await exported.text());
    staff.disconnect();
    tracker.disconnect();
    const all = JSON.stringify(seen);
    // They do name the ticket (so a search for the key could find it), and its link without the key.
    expect(all).toContain(id);
    expect(all).toContain(`"${c.url}/t/${id}"`);
    expect(all).not.toContain(key);
  });

  it('refuses a rating from a clerk who knows only the ticket id, or a wrong key, and stores nothing', async () => {
    const issued = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('H') } });
    const key = keyOf(issued.body.ticket.trackUrl);
    // The clerk reads the id off the queue, serves the visit, then drops the token and rates it.
    const line = (await c.api('GET', '/queue', { auth: clerk })).body.items.flatMap((l: { tickets: { id: string }[] }) => l.tickets);
    const id = line.find((t: { id: string }) => t.id === issued.body.ticket.id)!.id as string;
    expect((await c.api('POST', `/counters/${c.counterId('4')}/call`, { auth: clerk, body: { ticketId: id } })).status).toBe(200);
    await c.api('POST', `/tickets/${id}/start`, { auth: clerk });
    await c.api('POST', `/tickets/${id}/complete`, { auth: clerk });
    const other = keyOf((await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('H') } })).body.ticket.trackUrl);
    for (const body of [{ rating: 5 }, { rating: 5, key: 'x'.repeat(22) }, { rating: 5, key: key.slice(0, -1) }, { rating: 5, key: `${key}A` }, { rating: 5, key: other }]) {
      const res = await c.api('POST', `/tickets/${id}/feedback`, { body });
      expect(res.status, JSON.stringify(body)).toBe(403);
      expect(res.body.error.code).toBe('feedback-key');
      expect(res.body.error.message).toMatch(/QR code/);
    }
    expect(stored(id)).toBeUndefined();
    expect((await c.api('GET', `/tickets/${id}`)).body.ticket.feedbackGiven).toBe(false);

    expect((await c.api('POST', `/tickets/${id}/feedback`, { body: { rating: 2, key } })).status).toBe(201);
    expect((await c.api('PATCH', `/tickets/${id}/feedback`, { body: { comment: 'Long wait', key } })).status).toBe(200);
    expect(stored(id)).toEqual({ rating: 2, comment: 'Long wait' });
  });

  it('takes a ticket from before the keys (none stored) on its id alone, as before', async () => {
    const issued = await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: c.serviceId('H') } });
    const id = issued.body.ticket.id as string;
    c.db.prepare('UPDATE tickets SET feedback_key = NULL WHERE id = ?').run(id);
    expect((await c.api('POST', `/counters/${c.counterId('4')}/call`, { auth: clerk, body: { ticketId: id } })).status).toBe(200);
    await c.api('POST', `/tickets/${id}/start`, { auth: clerk });
    await c.api('POST', `/tickets/${id}/complete`, { auth: clerk });
    // Its reprint carries the plain link: there is no key to give.
    expect((await c.api('POST', `/tickets/${id}/reprint`, { auth: clerk })).status).toBe(200);
    await expect.poll(() => printer.jobs.filter((j) => j.text.includes(issued.body.ticket.label)).length, { timeout: 8000 }).toBe(1);
    expect(printer.jobs.find((j) => j.text.includes(issued.body.ticket.label))!.qrCodes).toEqual([`${c.url}/t/${id}`]);
    expect((await c.api('POST', `/tickets/${id}/feedback`, { body: { rating: 4 } })).status).toBe(201);
    expect(stored(id)).toEqual({ rating: 4, comment: null });
  });
});

describe('feedback closes a week after the visit', () => {
  // A Monday morning: a clock started from the real time would cross midnight in Nairobi on some runs.
  const clock = new ManualClock(Date.parse('2026-03-02T09:00:00+03:00'));
  let c: TestCentre;

  beforeAll(async () => {
    c = await startTestCentre({ ui: false, clock });
  });
  afterAll(() => c.close());

  it('takes a rating up to 7 days after the visit was done, then refuses ratings and comments', async () => {
    const clerk = await c.login('wanjiru');
    await c.api('POST', `/counters/${c.counterId('4')}/open`, { auth: clerk });
    const visits: { id: string; key: string }[] = [];
    for (let i = 0; i < 2; i++) {
      const t = await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: c.serviceId('H') } });
      const id = t.body.ticket.id as string;
      expect((await c.api('POST', `/counters/${c.counterId('4')}/call`, { auth: clerk, body: { ticketId: id } })).status).toBe(200);
      await c.api('POST', `/tickets/${id}/start`, { auth: clerk });
      expect((await c.api('POST', `/tickets/${id}/complete`, { auth: clerk })).status).toBe(200);
      visits.push({ id, key: keyOf(t.body.ticket.trackUrl) });
    }
    const [a, b] = visits as [{ id: string; key: string }, { id: string; key: string }];
    clock.advanceMinutes(7 * 24 * 60 - 1);
    expect((await c.api('POST', `/tickets/${a.id}/feedback`, { body: { rating: 5, key: a.key } })).status).toBe(201);
    clock.advanceMinutes(2);
    const late = await c.api('POST', `/tickets/${b.id}/feedback`, { body: { rating: 1, key: b.key } });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('feedback-closed');
    const comment = await c.api('PATCH', `/tickets/${a.id}/feedback`, { body: { comment: 'Afterthought', key: a.key } });
    expect(comment.status).toBe(409);
    expect(comment.body.error.code).toBe('feedback-closed');
    expect(c.db.prepare('SELECT COUNT(*) FROM feedback').pluck().get()).toBe(1);
  });
});
