// Counters: status changes and calls, by the clerk signed in there (or a manager); the staff's queue view.
import type { AppContext } from '../app-context.js';
import { notFound } from '../errors.js';
import type { HandlersOf } from '../http/operations.js';

type CounterOperation = 'getQueue' | 'listCounters' | 'getCounter' | 'openCounter' | 'closeCounter' | 'callNext' | 'callTicket';

export function counterHandlers(ctx: AppContext): HandlersOf<CounterOperation> {
  return {
    getQueue() {
      const tickets = ctx.views.openTickets().filter((t) => t.status === 'waiting');
      const items = ctx.repos.services.list().map((s) => ({ serviceId: s.id, code: s.code, tickets: tickets.filter((t) => t.serviceId === s.id) }));
      return { items };
    },

    listCounters() {
      return { items: ctx.views.counters() };
    },

    getCounter({ params }) {
      const counter = ctx.repos.counters.get(params.counterId);
      if (!counter) throw notFound('counter');
      return { counter: ctx.views.counter(counter) };
    },

    async openCounter({ params, actor }) {
      return { counter: ctx.views.counter(await ctx.queue.openCounter(params.counterId, actor)) };
    },
    // pauseCounter, with its reason, is in desk.routes.ts.
    async closeCounter({ params, actor }) {
      return { counter: ctx.views.counter(await ctx.queue.closeCounter(params.counterId, actor)) };
    },

    async callNext({ params, actor }) {
      const ticket = await ctx.queue.callNext(params.counterId, actor);
      return ticket ? { ticket: ctx.views.ticket(ticket) } : undefined;
    },

    async callTicket({ params, body, actor }) {
      return { ticket: ctx.views.ticket(await ctx.queue.callTicket(params.counterId, body.ticketId, actor)) };
    },
  };
}
