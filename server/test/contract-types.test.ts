// The operation table's promise, checked by the compiler (npm run typecheck): a handler that answers the
// wrong shape and a screen that sends a wrong body do not compile. Each `@ts-expect-error` below fails the
// type-check if the line it marks ever compiles.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Api } from '@foleni/shared/client';
import type { Ticket } from '@foleni/shared';
import type { Handler, Handlers } from '../src/http/operations.js';
import type { Operations } from '@foleni/shared';

describe('the typed contract', () => {
  it('holds handlers to the answers the table documents', () => {
    // @ts-expect-error a ticket's public view has no `ok`
    const wrongAnswer: Handler<Operations['getTicket']> = () => ({ ok: true });
    // @ts-expect-error health answers a version
    const missingField: Handlers['health'] = () => ({ ok: true });
    const right: Handlers['health'] = () => ({ ok: true, version: '1' });
    expect([wrongAnswer, missingField, right]).toHaveLength(3);
  });

  it('types the screens’ calls by the table: bodies checked, answers inferred', () => {
    const call = (api: Api) => {
      // @ts-expect-error a service id (or a journey id) is required
      void api.issueTicket({ body: { priority: 'pwd' } });
      // @ts-expect-error no such priority
      void api.issueTicket({ body: { serviceId: 's', priority: 'vip' } });
      // @ts-expect-error a counter's path parameter is its counterId
      void api.callNext({ ticketId: 'x' });
      return api.issueTicket({ body: { serviceId: 's' }, idempotencyKey: 'k-12345678' });
    };
    expectTypeOf<Awaited<ReturnType<typeof call>>['ticket']>().toEqualTypeOf<Ticket>();
    expectTypeOf<Awaited<ReturnType<Api['callNext']>>>().toEqualTypeOf<{ ticket: Ticket } | undefined>();
  });
});
