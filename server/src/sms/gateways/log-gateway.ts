// The demo's gateway: each message is appended to data/sms.log as a JSON line, the number masked, and staff
// list today's messages in the app. Nothing leaves the machine.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { maskPhone } from '@foleni/shared';
import type { SendOutcome, SmsGateway } from './gateway.js';

export class LogGateway implements SmsGateway {
  readonly kind = 'log' as const;
  readonly file: string;
  readonly target: string;
  /** Opened at the first message and kept: opening the file for each message cost more than writing it. */
  private fd: number | null = null;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'sms.log');
    this.target = 'data/sms.log';
  }

  send(to: string, text: string, attemptId: string): Promise<SendOutcome> {
    try {
      this.fd ??= openSync(this.file, 'a', 0o600);
      writeSync(this.fd, `${JSON.stringify({ at: new Date().toISOString(), id: attemptId, to: maskPhone(to), text })}\n`);
      // No delivery reports come back from a file: no gateway id to find them by (and no index entry to write).
      return Promise.resolve({ result: 'sent', gatewayId: null });
    } catch (e) {
      // Appending failed as a whole (a full disk): nothing was written.
      return Promise.resolve({ result: 'not-sent', error: `cannot write ${this.target}: ${(e as Error).message}` });
    }
  }

  close(): Promise<void> {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    return Promise.resolve();
  }
}
