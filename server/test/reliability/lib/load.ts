// Kiosks, staff and clerks as loops of real HTTP calls, recording only what the server answered.
import type { Answered } from './invariants.js';
import { call } from './server-process.js';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Loop {
  url: string;
  signal: AbortSignal;
  answered: Answered;
  /** Random numbers in [0, 1), seeded by the caller so a failure can be replayed. */
  random: () => number;
}

/** Issues tickets one after another until stopped. */
export async function issuer(l: Loop, token: string, serviceIds: string[], priority = false): Promise<void> {
  while (!l.signal.aborted) {
    const serviceId = serviceIds[Math.floor(l.random() * serviceIds.length)]!;
    const res = await call<{ ticket: { id: string; label: string; serviceId: string } }>(
      l.url,
      'POST',
      '/tickets',
      token,
      { serviceId, ...(priority && l.random() < 0.2 ? { priority: 'elderly' } : {}) },
      l.signal,
    );
    if (res.status === 201) l.answered.issued.set(res.body.ticket.id, { label: res.body.ticket.label, serviceId: res.body.ticket.serviceId });
    else if (res.status === 0) await pause(20);
    else throw new Error(`issue answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
}

/** A clerk at an open counter: call the next, then serve them or mark a no-show; again, until stopped. */
export async function clerk(l: Loop, token: string, counterId: string): Promise<void> {
  const step = async (ticketId: string, path: 'start' | 'complete' | 'no-show', status: string) => {
    const res = await call(l.url, 'POST', `/tickets/${ticketId}/${path}`, token, {}, l.signal);
    if (res.status === 200) l.answered.steps.set(ticketId, status);
    return res.status;
  };
  const finish = async (ticketId: string) => {
    if (l.random() < 0.15) {
      await step(ticketId, 'no-show', 'no_show');
      return;
    }
    await step(ticketId, 'start', 'serving');
    await step(ticketId, 'complete', 'done');
  };
  while (!l.signal.aborted) {
    const res = await call<{ ticket: { id: string } } | { error: { code: string } }>(l.url, 'POST', `/counters/${counterId}/call-next`, token, {}, l.signal);
    if (res.status === 200 && res.body && 'ticket' in res.body) {
      l.answered.calls.push({ ticketId: res.body.ticket.id, counterId });
      await finish(res.body.ticket.id);
    } else if (res.status === 204) {
      await pause(10);
    } else if (res.status === 409) {
      // Still holding a ticket: one called before a crash whose answer was lost, or left half-served.
      const counter = await call<{ counter: { currentTicketId: string | null } }>(l.url, 'GET', `/counters/${counterId}`, token, undefined, l.signal);
      const current = counter.status === 200 ? counter.body.counter.currentTicketId : null;
      if (current) await finish(current);
    } else if (res.status === 0) {
      await pause(20);
    } else {
      throw new Error(`call-next answered ${res.status}: ${JSON.stringify(res.body)}`);
    }
  }
}

/** mulberry32, the demo's seeded generator: the same numbers every run with the same seed. */
export { seededRandom as seeded } from '../../../src/demo/past-days.js';
