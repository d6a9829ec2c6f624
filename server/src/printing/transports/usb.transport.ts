// A USB printer through the Linux printer class driver: bytes written to its device file (/dev/usb/lp0).
// Success means "the driver took the bytes", and once it took any, a failure is not retried (the ticket may be
// on paper). Status is asked with DLE EOT through the same file: most Epson-class printers answer over usblp's
// back channel; one that does not is "unknown", never "offline".
import type { PrinterStatus } from '@foleni/shared';
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { dleEot, printerStatusOf } from '../escpos-status.js';
import { PrintError } from '../print-error.js';
import type { PrintTransport, TransportJob, TransportResult } from './transport.types.js';

/** How far one attempt got: a job is `sent` from its first written byte on. */
interface Attempt {
  writing: boolean;
  /** Given up on (timed out, or printing stopped): if the device file opens late, write nothing. */
  abandoned: boolean;
}

const CHECK_PAPER = 'check the ticket came out, reprint it if not';
/** How long one DLE EOT reply is waited for: a printer that answers does so in a few ms. */
const STATUS_REPLY_MS = 300;

export class UsbTransport implements PrintTransport {
  /** The write still running; a blocked one holds a libuv thread, so a second is never started beside it. */
  private busy: Promise<void> | null = null;
  private cancel: ((err: PrintError) => void) | null = null;

  constructor(
    readonly url: string,
    private readonly path: string,
    private readonly writeMs: number,
  ) {}

  async print(job: TransportJob): Promise<TransportResult> {
    if (this.busy) throw new PrintError(`printer at ${this.url} has not finished an earlier job (is it out of paper?)`, 'offline', { reason: 'busy' });
    const attempt: Attempt = { writing: false, abandoned: false };
    const write = this.write(job.bytes, attempt);
    this.busy = write
      .catch(() => undefined)
      .finally(() => {
        this.busy = null;
      });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      this.cancel = (err) => {
        attempt.abandoned = true;
        reject(err);
      };
      timer = setTimeout(() => {
        attempt.abandoned = true;
        // A write under way finishes by itself once the printer takes it: the ticket comes out then.
        reject(
          attempt.writing
            ? new PrintError(`printer at ${this.url} did not take the whole ticket within ${this.writeMs} ms (is it out of paper?); ${CHECK_PAPER}`, 'offline', { sent: true })
            : new PrintError(`printer at ${this.url} did not take the job within ${this.writeMs} ms (is it out of paper or switched off?)`, 'offline'),
        );
      }, this.writeMs);
    });
    try {
      await Promise.race([write, timeout]);
    } finally {
      clearTimeout(timer);
      this.cancel = null;
    }
    const status: PrinterStatus = 'online';
    return { outcome: 'done', status };
  }

  /**
   * Asks DLE EOT 1, 2 and 4 through the device file, without blocking (O_NONBLOCK: a printer with no back
   * channel leaves reads empty). Only a character device is asked: a file or FIFO standing in for a printer
   * would take the question as ticket bytes.
   */
  async readStatus(): Promise<PrinterStatus> {
    if (this.busy) throw new PrintError(`printer at ${this.url} has not finished an earlier job (is it out of paper?)`, 'offline', { reason: 'busy' });
    const handle = await open(this.path, constants.O_RDWR | constants.O_NONBLOCK).catch((err: NodeJS.ErrnoException) => {
      throw usbError(this.url, this.path, err);
    });
    try {
      if (!(await handle.stat()).isCharacterDevice()) return 'unknown';
      const printer = await askStatus(handle, 1);
      const offlineCause = printer === null ? null : await askStatus(handle, 2);
      const paper = offlineCause === null ? null : await askStatus(handle, 4);
      if (printer === null || offlineCause === null || paper === null) return 'unknown';
      return printerStatusOf({ printer, offlineCause, paper });
    } catch {
      return 'unknown';
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  close(): void {
    // Nothing is held open between jobs; a blocked write cannot be interrupted, only stopped waiting for.
    this.cancel?.(new PrintError(`printing to ${this.url} stopped`, null));
  }

  private async write(bytes: Uint8Array, attempt: Attempt): Promise<void> {
    // No O_CREAT: with the printer unplugged the device file is missing, and creating a regular file in its
    // place would swallow every ticket while reporting success.
    const handle = await open(this.path, constants.O_WRONLY | constants.O_APPEND).catch((err: NodeJS.ErrnoException) => {
      throw usbError(this.url, this.path, err);
    });
    try {
      // An open that blocked past the time-out was given up on and may be retried: printing now would be twice.
      if (attempt.abandoned) return;
      attempt.writing = true;
      let written = 0;
      while (written < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, written, bytes.length - written).catch((err: NodeJS.ErrnoException) => {
          const e = usbError(this.url, this.path, err);
          throw written === 0 ? e : new PrintError(`${e.message}, after part of the ticket was sent; ${CHECK_PAPER}`, e.printerStatus, { sent: true });
        });
        if (bytesWritten === 0) throw new PrintError(`printer at ${this.url} took no more of the ticket; ${CHECK_PAPER}`, 'offline', { sent: written > 0 });
        written += bytesWritten;
      }
    } finally {
      await handle.close().catch(() => undefined);
    }
  }
}

/** One DLE EOT reply, or null when none that looks like one comes within STATUS_REPLY_MS. */
async function askStatus(handle: FileHandle, n: 1 | 2 | 4): Promise<number | null> {
  await handle.write(dleEot(n));
  const byte = new Uint8Array(1);
  for (let waited = 0; waited < STATUS_REPLY_MS; waited += 20) {
    const { bytesRead } = await handle.read(byte, 0, 1).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'EAGAIN' || err.code === 'EWOULDBLOCK') return { bytesRead: 0 };
      throw err;
    });
    // Bits 1 and 4 on, 0 and 7 off in every DLE EOT reply (escpos-status.ts); anything else is not an answer.
    if (bytesRead === 1) return ((byte[0] ?? 0) & 0x93) === 0x12 ? (byte[0] ?? 0) : null;
    await sleep(20);
  }
  return null;
}

function usbError(url: string, path: string, err: NodeJS.ErrnoException): PrintError {
  switch (err.code) {
    case 'ENOENT':
    case 'ENODEV':
    case 'ENXIO':
      return new PrintError(`no printer at ${url} (is it plugged in and switched on?)`, 'offline', { reason: 'missing_device' });
    case 'EACCES':
    case 'EPERM':
      return new PrintError(`no permission to write to ${path} (add the server's user to the lp group)`, 'offline', { reason: 'no_permission' });
    case 'ENOSPC':
      return new PrintError('printer paper out', 'paper_out');
    case 'EIO':
      return new PrintError(`printer at ${url} reported an error (check paper and cover)`, 'offline');
    default:
      return new PrintError(`could not write to printer at ${url}: ${err.code ?? err.message}`, 'offline');
  }
}
