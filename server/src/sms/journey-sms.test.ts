// A journey ticket with a number hears of each step it goes on to ("step 2 of 3, now in the line for …"), in
// its own language, once per move; a step's message not yet sent is dropped when the ticket moves on again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor.js';
import type { QueueService } from '../queue/queue.service.js';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';
import { FakeAfricasTalking } from '../testing/sms-fakes.js';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SMS on a journey’s steps', () => {
  let c: TestCentre;
  let gateway: FakeAfricasTalking;
  let q: QueueService;
  let clerk: Actor;
  let journeyId: string;
  const textsTo = (e164: string) => gateway.received.filter((m) => m.to === e164).map((m) => m.text);
  const serviceName = (code: string, lang: 'en' | 'sw') => c.app.ctx.repos.services.byCode(code)!.name[lang];

  beforeAll(async () => {
    gateway = await FakeAfricasTalking.start();
    c = await startTestCentre({
      ui: false,
      sms: { gateway: { kind: 'africastalking', url: gateway.url, username: 'sandbox', apiKey: 'k', from: 'HUDUMA', callbackKey: 'callback-key-for-tests' }, backoffMs: { first: 100, max: 400 }, sendTimeoutMs: 2_000 },
    });
    q = c.app.ctx.queue;
    const u = c.app.ctx.repos.users.byUsername('wanjiru')!;
    clerk = { kind: 'user', id: u.id, username: u.username, displayName: u.displayName, role: u.role };
    const [A, H, P] = [c.serviceId('A'), c.serviceId('H'), c.serviceId('P')];
    journeyId = (await c.app.ctx.journeys.create({ code: 'ID-S', name: { en: 'Test visit', sw: 'Ziara ya majaribio' }, steps: [A, H, P], active: true }, null)).id;
    const counter = c.counterId('1');
    await c.app.ctx.admin.updateCounter(counter, { serviceIds: [A, H, P] }, null);
    await q.openCounter(counter, clerk);
  });
  afterAll(async () => {
    await c?.close();
    await gateway?.close();
  });

  const counter = () => c.counterId('1');
  /** Calls the ticket at counter 1, waits for `texts` messages in all, then starts it and completes its step. */
  const finishStep = async (ticketId: string, texts?: number) => {
    await q.callTicket(counter(), ticketId, clerk);
    if (texts !== undefined) await gateway.waitFor(texts);
    await q.start(ticketId, clerk);
    return q.complete(ticketId, clerk);
  };

  it('names the next step and its service, in the ticket’s language, and texts each step’s call', async () => {
    const { ticket } = await q.issue({ serviceId: '', journeyId, source: 'staff', deviceId: null, idempotencyKey: null, lang: 'sw', phone: '+254712345801' });
    await gateway.waitFor(1); // issued
    await finishStep(ticket.id, 2);
    await gateway.waitFor(3);
    expect(textsTo('+254712345801').at(-1)).toBe(`Huduma Centre GPO, Nairobi: ${ticket.label}: hatua 2 kati ya 3, sasa iko kwenye foleni ya ${serviceName('H', 'sw')}. Tafadhali subiri kuitwa.`);
    await finishStep(ticket.id, 4);
    expect(textsTo('+254712345801')[3]).toBe(`Huduma Centre GPO, Nairobi: ${ticket.label}, ni zamu yako: tafadhali nenda dirisha 1 sasa.`);
    await gateway.waitFor(5);
    expect(textsTo('+254712345801').at(-1)).toBe(`Huduma Centre GPO, Nairobi: ${ticket.label}: hatua 3 kati ya 3, sasa iko kwenye foleni ya ${serviceName('P', 'sw')}. Tafadhali subiri kuitwa.`);
    await finishStep(ticket.id, 6);
    await pause(300);
    // The last step completed: nothing after it.
    expect(textsTo('+254712345801')).toHaveLength(6);
    expect(textsTo('+254712345801').filter((t) => t.includes('hatua'))).toHaveLength(2);
  });

  it('drops a step’s message still queued when the ticket moves on, and sends the newest', async () => {
    const { ticket } = await q.issue({ serviceId: '', journeyId, source: 'staff', deviceId: null, idempotencyKey: null, lang: 'en', phone: '+254712345802' });
    await gateway.waitFor(gateway.received.length + 1);
    const before = gateway.received.length;
    await gateway.down();
    await finishStep(ticket.id); // to step 2: queued while the gateway is down
    await finishStep(ticket.id); // to step 3 before it could go
    const statuses = () =>
      (c.db.prepare("SELECT o.status FROM sms_outbox o JOIN tickets t ON t.rowid = o.ticket_rowid WHERE t.id = ? AND o.kind = 'transferred' ORDER BY o.id").pluck().all(ticket.id) as string[]);
    // The sender keeps retrying the refusing gateway: a message may be 'sending' for the moment of a try.
    await expect.poll(statuses, { timeout: 5_000 }).toEqual(['dropped', 'queued']);
    await gateway.up();
    // Each step's call was made stale by the next move: only where the ticket is now goes.
    await gateway.waitFor(before + 1);
    await pause(300);
    expect(textsTo('+254712345802').slice(1)).toEqual([`Huduma Centre GPO, Nairobi: ${ticket.label}: step 3 of 3, now in the line for ${serviceName('P', 'en')}. Please wait to be called.`]);
  });
});
