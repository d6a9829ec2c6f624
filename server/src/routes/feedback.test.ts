// Feedback after a visit: a rating in one tap, then at most one comment (PATCH), never before the rating,
// never twice, checked as strictly as a comment sent with the rating.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

describe('feedback comment after a rating', () => {
  let c: TestCentre;
  let clerk: string;
  const stored = (id: string) => c.db.prepare('SELECT f.rating, f.comment FROM feedback f JOIN tickets t ON t.rowid = f.ticket_rowid WHERE t.id = ?').get(id);

  async function visited(): Promise<string> {
    const t = await c.api('POST', '/tickets', { auth: clerk, body: { serviceId: c.serviceId('H') } });
    const id = t.body.ticket.id as string;
    expect((await c.api('POST', `/counters/${c.counterId('4')}/call`, { auth: clerk, body: { ticketId: id } })).status).toBe(200);
    await c.api('POST', `/tickets/${id}/start`, { auth: clerk });
    await c.api('POST', `/tickets/${id}/complete`, { auth: clerk });
    return id;
  }

  beforeAll(async () => {
    c = await startTestCentre({ ui: false });
    clerk = await c.login('wanjiru');
    await c.api('POST', `/counters/${c.counterId('4')}/open`, { auth: clerk });
  });
  afterAll(() => c.close());

  it("refuses a rating or a comment from a signed-in clerk or a device, so the citizen's own still counts", async () => {
    const id = await visited();
    const manager = await c.login('manager');
    for (const auth of [clerk, manager, c.kioskToken, c.displayToken]) {
      const rated = await c.api('POST', `/tickets/${id}/feedback`, { auth, body: { rating: 5, comment: 'Excellent clerk' } });
      expect(rated.status).toBe(403);
      expect(rated.body.error.code).toBe('citizen-only');
      const commented = await c.api('PATCH', `/tickets/${id}/feedback`, { auth, body: { comment: 'Excellent clerk' } });
      expect(commented.status).toBe(403);
      expect(commented.body.error.code).toBe('citizen-only');
    }
    expect(stored(id)).toBeUndefined();
    // The session cookie counts as a staff session too.
    const cookie = await c.api('POST', `/tickets/${id}/feedback`, { body: { rating: 5 }, headers: { cookie: `foleni_session=${clerk}`, origin: c.url } });
    expect(cookie.status).toBe(403);

    expect((await c.api('POST', `/tickets/${id}/feedback`, { body: { rating: 4 } })).status).toBe(201);
    expect(c.db.prepare('SELECT f.rating, f.via FROM feedback f JOIN tickets t ON t.rowid = f.ticket_rowid WHERE t.id = ?').get(id)).toEqual({ rating: 4, via: 'tracker' });
  });

  it('takes one comment after the rating, from anyone with the ticket id', async () => {
    const id = await visited();
    const early = await c.api('PATCH', `/tickets/${id}/feedback`, { body: { comment: 'Before rating' } });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('no-rating');

    expect((await c.api('POST', `/tickets/${id}/feedback`, { body: { rating: 2 } })).status).toBe(201);
    expect(stored(id)).toEqual({ rating: 2, comment: null });
    const added = await c.api('PATCH', `/tickets/${id}/feedback`, { body: { comment: '  The queue was slow, the clerk kind.  ' } });
    expect(added.status).toBe(200);
    expect(added.body).toEqual({ ok: true });
    expect(stored(id)).toEqual({ rating: 2, comment: 'The queue was slow, the clerk kind.' });

    const again = await c.api('PATCH', `/tickets/${id}/feedback`, { body: { comment: 'Changed my mind' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('comment-given');
    expect(stored(id)).toEqual({ rating: 2, comment: 'The queue was slow, the clerk kind.' });
  });

  it('refuses a comment when the rating came with one', async () => {
    const id = await visited();
    expect((await c.api('POST', `/tickets/${id}/feedback`, { body: { rating: 5, comment: 'Haraka sana' } })).status).toBe(201);
    const more = await c.api('PATCH', `/tickets/${id}/feedback`, { body: { comment: 'And more' } });
    expect(more.status).toBe(409);
    expect(more.body.error.code).toBe('comment-given');
    expect(stored(id)).toEqual({ rating: 5, comment: 'Haraka sana' });
  });

  it('checks the comment as strictly as one sent with a rating', async () => {
    const id = await visited();
    expect((await c.api('POST', `/tickets/${id}/feedback`, { body: { rating: 3 } })).status).toBe(201);
    for (const body of [{}, { comment: '' }, { comment: '   ' }, { comment: 'x'.repeat(1001) }, { comment: 7 }, { comment: 'ok', rating: 5 }]) {
      const res = await c.api('PATCH', `/tickets/${id}/feedback`, { body });
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(400);
    }
    expect(stored(id)).toEqual({ rating: 3, comment: null });
    // The longest comment a rating may carry is accepted here too.
    expect((await c.api('PATCH', `/tickets/${id}/feedback`, { body: { comment: 'y'.repeat(1000) } })).status).toBe(200);
    expect((await c.api('PATCH', '/tickets/no-such-ticket-000/feedback', { body: { comment: 'Hello' } })).status).toBe(404);
  });
});
