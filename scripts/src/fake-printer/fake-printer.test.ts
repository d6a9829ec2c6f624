// The fake printer on its own, over real TCP: the bytes it answers are the ones Epson documents.
import { Socket, connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FakePrinter } from './fake-printer.js';

let printer: FakePrinter;
const clients: Socket[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await printer?.stop();
});

/** A raw client that collects every byte the printer sends back. */
async function client(port: number): Promise<{ socket: Socket; received: number[]; next(count: number, ms?: number): Promise<number[]> }> {
  const socket = connect({ host: '127.0.0.1', port });
  clients.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  const received: number[] = [];
  let waiter: (() => void) | null = null;
  socket.on('data', (chunk) => {
    received.push(...chunk);
    waiter?.();
  });
  return {
    socket,
    received,
    async next(count, ms = 1000) {
      const deadline = Date.now() + ms;
      while (received.length < count && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          waiter = resolve;
          setTimeout(resolve, deadline - Date.now());
        });
      }
      return received.splice(0, count);
    },
  };
}

const DLE_EOT = (n: number): number[] => [0x10, 0x04, n];
const GS_R_1 = [0x1d, 0x72, 0x01];
const TICKET = [0x1b, 0x40, ...Buffer.from('B007'), 0x0a, 0x1d, 0x56, 0x01];

describe('FakePrinter', () => {
  it('answers DLE EOT 1, 2 and 4 with the status bytes of each state', async () => {
    printer = new FakePrinter();
    const c = await client(await printer.start());
    const expected = {
      online: [0x12, 0x12, 0x12],
      offline: [0x1a, 0x52, 0x12],
      cover_open: [0x1a, 0x16, 0x12],
      paper_out: [0x1a, 0x32, 0x7e],
      paper_near_end: [0x12, 0x12, 0x1e],
    } as const;
    for (const [mode, bytes] of Object.entries(expected)) {
      printer.setMode(mode as keyof typeof expected);
      c.socket.write(Uint8Array.from([...DLE_EOT(1), ...DLE_EOT(2), ...DLE_EOT(4)]));
      expect(await c.next(3), mode).toEqual(bytes);
    }
  });

  it('prints a job, answers GS r 1 after it, and decodes what it printed', async () => {
    printer = new FakePrinter();
    const c = await client(await printer.start());
    c.socket.write(Uint8Array.from([...TICKET, ...GS_R_1]));
    expect(await c.next(1)).toEqual([0x00]);
    const [job] = await printer.waitForJobs(1);
    expect(job?.text).toBe('B007\n[cut]');
    expect(job?.cuts).toBe(1);
  });

  it('reads commands split across packets', async () => {
    printer = new FakePrinter();
    const c = await client(await printer.start());
    c.socket.write(Uint8Array.from([0x10]));
    await new Promise((r) => setTimeout(r, 20));
    c.socket.write(Uint8Array.from([0x04, 0x01]));
    expect(await c.next(1)).toEqual([0x12]);
  });

  it('keeps a job while out of paper and prints it, then answers GS r, once paper is loaded', async () => {
    printer = new FakePrinter({ mode: 'paper_out' });
    const c = await client(await printer.start());
    c.socket.write(Uint8Array.from([...TICKET, ...GS_R_1]));
    expect(await c.next(1, 150)).toEqual([]);
    expect(printer.jobs).toHaveLength(0);
    printer.setMode('online');
    expect(await c.next(1)).toEqual([0x00]);
    expect(printer.jobs).toHaveLength(1);
  });

  it('says "paper near end" in its GS r 1 reply', async () => {
    printer = new FakePrinter({ mode: 'paper_near_end' });
    const c = await client(await printer.start());
    c.socket.write(Uint8Array.from([...TICKET, ...GS_R_1]));
    expect(await c.next(1)).toEqual([0x03]);
  });

  it('answers nothing when silent', async () => {
    printer = new FakePrinter({ mode: 'silent' });
    const c = await client(await printer.start());
    c.socket.write(Uint8Array.from([...DLE_EOT(1), ...TICKET, ...GS_R_1]));
    expect(await c.next(1, 150)).toEqual([]);
  });

  it('answers DLE EOT and prints, but never answers GS r, when it ignores GS r', async () => {
    printer = new FakePrinter({ mode: 'ignores_gs_r' });
    const c = await client(await printer.start());
    c.socket.write(Uint8Array.from(DLE_EOT(1)));
    expect(await c.next(1)).toEqual([0x12]);
    c.socket.write(Uint8Array.from([...TICKET, ...GS_R_1]));
    const [job] = await printer.waitForJobs(1);
    expect(job?.text).toBe('B007\n[cut]');
    expect(await c.next(1, 150)).toEqual([]);
  });

  it('refuses connections when stopped and takes them again on the same port after a restart', async () => {
    printer = new FakePrinter();
    const port = await printer.start();
    await printer.stop();
    const refused = connect({ host: '127.0.0.1', port });
    clients.push(refused);
    await expect(new Promise((_, reject) => refused.once('error', reject))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await printer.start();
    expect(printer.port).toBe(port);
    const c = await client(port);
    c.socket.write(Uint8Array.from(DLE_EOT(1)));
    expect(await c.next(1)).toEqual([0x12]);
  });

  it('gives up waiting for jobs after the time-out it was given', async () => {
    printer = new FakePrinter();
    await printer.start();
    await expect(printer.waitForJobs(1, 50)).rejects.toThrow('printed 0 of 1 jobs within 50 ms');
  });
});
