// A printer that cannot print says why: a test print answers with its outcome and the reason (missing device,
// no permission), and a USB printer is asked its status with DLE EOT through its device file, as usblp passes
// it on. The USB printer that answers is a fake process on a pseudo-terminal (a character device, as
// /dev/usb/lp0 is) speaking the printer's side of DLE EOT; one that does not answer is "unknown".
import { spawn, type ChildProcess } from 'node:child_process';
import { constants, openSync, closeSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { PrintError } from './print-error.js';
import { KIOSKS, printTestBed, type PrintTestBed } from './print.fixtures.js';
import { UsbTransport } from './transports/usb.transport.js';

/**
 * A file that refuses writes with EACCES even to root (the tests may run as root, where chmod 000 denies
 * nothing): a read-only sysfs attribute. Checked, so that the test says so if this machine has none.
 */
const NO_WRITE = '/sys/devices/system/cpu/online';
function refusesWrite(path: string): string | null {
  try {
    closeSync(openSync(path, constants.O_WRONLY | constants.O_APPEND));
    return null;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? 'unknown';
  }
}

let bed: PrintTestBed | undefined;
let fake: ChildProcess | undefined;
afterEach(async () => {
  fake?.kill();
  fake = undefined;
  await bed?.close();
  bed = undefined;
});

describe('a test print', () => {
  it('to a USB printer that is not plugged in answers "failed", missing device, and says so in words', async () => {
    bed = printTestBed();
    const url = `usb:${join(bed.dir, 'lp9')}`;
    const print = await bed.service.testPrintOutcome(KIOSKS[0], { url, paperWidth: 80 });
    expect(print).toMatchObject({ status: 'failed', error: `no printer at ${url} (is it plugged in and switched on?)` });
    expect(print.problem).toEqual({ reason: 'missing_device', detail: print.error });
    expect(bed.statusUpdates.at(-1)).toEqual({ deviceId: KIOSKS[0], status: 'offline', problem: print.problem });
  });

  it('to a device file the server may not write answers "no permission", with the lp group to join', async () => {
    expect(refusesWrite(NO_WRITE)).toBe('EACCES');
    bed = printTestBed();
    const print = await bed.service.testPrintOutcome(KIOSKS[0], { url: `usb:${NO_WRITE}`, paperWidth: 80 });
    expect(print.status).toBe('failed');
    expect(print.problem).toEqual({ reason: 'no_permission', detail: `no permission to write to ${NO_WRITE} (add the server's user to the lp group)` });
  });

  it('that prints answers "done" once the printer took it', async () => {
    bed = printTestBed();
    const file = join(bed.dir, 'lp0');
    writeFileSync(file, '');
    const print = await bed.service.testPrintOutcome(KIOSKS[0], { url: `usb:${file}`, paperWidth: 80 });
    expect(print).toMatchObject({ status: 'done', error: null, problem: null });
    expect(readFileSync(file).length).toBeGreaterThan(100);
  });
});

/** A fake USB printer on a pseudo-terminal answering DLE EOT 1, 2 and 4 with these bytes; resolves its device path. */
async function fakeUsbPrinter(replies: [number, number, number] | null): Promise<string> {
  const script = `
import os, pty, tty, sys
m, s = pty.openpty()
tty.setraw(s)
print(os.ttyname(s), flush=True)
replies = ${replies ? `{1: ${replies[0]}, 2: ${replies[1]}, 4: ${replies[2]}}` : '{}'}
buf = b''
while True:
    buf += os.read(m, 64)
    while True:
        i = buf.find(b'\\x10\\x04')
        if i < 0 or len(buf) < i + 3: break
        n = buf[i + 2]; buf = buf[i + 3:]
        if n in replies: os.write(m, bytes([replies[n]]))
`;
  fake = spawn('python3', ['-c', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: fake.stdout! });
  for await (const line of lines) return line.trim();
  throw new Error('the fake USB printer did not start');
}

describe('USB printer status', () => {
  it('is read with DLE EOT where the printer answers: paper out', async () => {
    // DLE EOT 1: offline; 2: stopped at paper end; 4: paper end and near end (escpos-status.ts).
    const path = await fakeUsbPrinter([0x12 | 0x08, 0x12 | 0x20, 0x12 | 0x0c | 0x60]);
    expect(await new UsbTransport(`usb:${path}`, path, 1000).readStatus()).toBe('paper_out');
  });

  it('is read with DLE EOT where the printer answers: cover open, and ready', async () => {
    const open = await fakeUsbPrinter([0x12 | 0x08, 0x12 | 0x04, 0x12]);
    expect(await new UsbTransport(`usb:${open}`, open, 1000).readStatus()).toBe('cover_open');
    fake?.kill();
    const ready = await fakeUsbPrinter([0x12, 0x12, 0x12]);
    expect(await new UsbTransport(`usb:${ready}`, ready, 1000).readStatus()).toBe('online');
  });

  it('is unknown, never offline, when the printer does not answer', async () => {
    const path = await fakeUsbPrinter(null);
    expect(await new UsbTransport(`usb:${path}`, path, 1000).readStatus()).toBe('unknown');
  });

  it('is not asked of a file standing in for a printer, which would take the question as ticket bytes', async () => {
    bed = printTestBed();
    const file = join(bed.dir, 'lp0');
    writeFileSync(file, '');
    expect(await new UsbTransport(`usb:${file}`, file, 1000).readStatus()).toBe('unknown');
    expect(readFileSync(file).length).toBe(0);
  });

  it('of a missing device says why', async () => {
    const err = await new UsbTransport('usb:/nonexistent/lp0', '/nonexistent/lp0', 1000).readStatus().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrintError);
    expect(err).toMatchObject({ reason: 'missing_device', printerStatus: 'offline' });
  });
});
