// Real typed Socket.IO clients for tests, with a way to wait for the next event of a kind.
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, QueueSnapshot, ServerToClientEvents } from '@foleni/shared';

type Payload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents> & {
  /** Every event received, in order. */
  received: { event: string; payload: unknown }[];
  /** The oldest event of this kind not yet taken, waiting for one if needed. */
  next<E extends keyof ServerToClientEvents>(event: E, timeoutMs?: number): Promise<Payload<E>>;
  snapshot(): Promise<QueueSnapshot>;
};

export function connectSocket(url: string, auth: { token?: string; ticketId?: string } = {}): TestSocket {
  const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true }) as TestSocket;
  socket.received = [];
  const untaken: { event: string; payload: unknown }[] = [];
  const waiters: { event: string; take: (payload: unknown) => void }[] = [];
  socket.onAny((event: string, payload: unknown) => {
    socket.received.push({ event, payload });
    const i = waiters.findIndex((w) => w.event === event);
    if (i >= 0) waiters.splice(i, 1)[0]!.take(payload);
    else untaken.push({ event, payload });
  });
  socket.next = <E extends keyof ServerToClientEvents>(event: E, timeoutMs = 5000): Promise<Payload<E>> => {
    const i = untaken.findIndex((u) => u.event === event);
    if (i >= 0) return Promise.resolve(untaken.splice(i, 1)[0]!.payload as Payload<E>);
    return new Promise((resolve, reject) => {
      const waiter = {
        event,
        take: (payload: unknown) => {
          clearTimeout(timer);
          resolve(payload as Payload<E>);
        },
      };
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        reject(new Error(`no ${event} within ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.push(waiter);
    });
  };
  socket.snapshot = () => socket.next('queue:snapshot');
  return socket;
}
