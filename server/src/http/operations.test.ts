// The mount itself: an answer that strays from the operation table is caught (with checkAnswers), a
// bad path parameter is refused in its own words, and "who" lets in exactly whom it names.
import express from 'express';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor.js';
import { ANONYMOUS } from '../auth/actor.js';
import type { DeviceRecord } from '../repositories/device.repository.js';
import { errorHandler } from './errors.middleware.js';
import { authorize, mountOperations } from './operations.js';
import type { Handlers } from './operations.js';
import { createLogger } from '../logger.js';

/** Every handler answers what `answer` says for its operation name. */
function handlersAnswering(answer: (name: string) => unknown): Handlers {
  return new Proxy({} as Handlers, { get: (_t, name) => () => answer(String(name)) });
}

describe('mounted operations', () => {
  let url = '';
  let close: () => void = () => undefined;
  beforeAll(async () => {
    const app = express();
    const api = express.Router();
    api.use(express.json());
    api.use((req, _res, next) => {
      req.actor = ANONYMOUS;
      next();
    });
    mountOperations(api, {
      handlers: handlersAnswering((name) => (name === 'health' ? { ok: 'yes', version: 1 } : { ticket: null })),
      checkAnswers: true,
    });
    app.use('/api/v1', api);
    app.use(errorHandler(createLogger('silent')));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    close = () => server.close();
  });
  afterAll(() => close());

  it('refuses to send an answer that does not match the table', async () => {
    const res = await fetch(`${url}/health`);
    expect(res.status).toBe(500);
  });

  it('refuses a bad path parameter by its name, before the handler runs', async () => {
    const res = await fetch(`${url}/tickets/not%20an%20id`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid-ticket-id');
  });

  it('refuses a body on an operation that takes none', async () => {
    const res = await fetch(`${url}/auth/logout`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"colour":"red"}' });
    expect(res.status).toBe(400);
  });
});

describe('who may call', () => {
  const kiosk: Actor = { kind: 'device', device: { kind: 'kiosk' } as DeviceRecord };
  const display: Actor = { kind: 'device', device: { kind: 'display' } as DeviceRecord };
  const clerk: Actor = { kind: 'user', id: 'u', username: 'u', displayName: 'U', role: 'clerk' };
  const manager: Actor = { ...clerk, role: 'manager' };
  const status = (who: Parameters<typeof authorize>[0], actor: Actor): number => {
    try {
      authorize(who, actor);
      return 200;
    } catch (e) {
      return (e as { status: number }).status;
    }
  };

  it('lets a role in with the roles above it, and a device only by its kind', () => {
    expect(status(['kiosk', 'staff'], kiosk)).toBe(200);
    expect(status(['kiosk', 'staff'], display)).toBe(403);
    expect(status(['kiosk', 'staff'], clerk)).toBe(200);
    expect(status(['kiosk', 'staff'], ANONYMOUS)).toBe(401);
    expect(status(['manager'], clerk)).toBe(403);
    expect(status(['manager'], manager)).toBe(200);
    expect(status(['clerk', 'manager'], kiosk)).toBe(403);
    expect(status(['ticket holder'], ANONYMOUS)).toBe(200);
  });

  it('lets only someone neither signed in nor paired act as the citizen', () => {
    expect(status(['citizen'], ANONYMOUS)).toBe(200);
    for (const actor of [clerk, manager, kiosk, display]) expect(status(['citizen'], actor)).toBe(403);
  });
});
