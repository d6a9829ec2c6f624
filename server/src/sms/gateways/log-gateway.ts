// The demo's gateway: each message is appended to data/sms.log as a JSON line, the number masked, and staff
// list today's messages in the app. Nothing leaves the machine.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { maskPhone } from '@foleni/shared';
import type { OutgoingSms, SendOutcome, SmsGateway } from './gateway.js';

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
    return this.sendMany([{ to, text, attemptId }]).then((outcomes) => outcomes[0]!);
  }

  /** A batch in one write: a write per message cost more than the rest of the message's sending. */
  sendMany(messages: readonly OutgoingSms[]): Promise<SendOutcome[]> {
    const at = new Date().toISOString();
    const lines = messages.map(({ to, text, attemptId }) => `${JSON.stringify({ at, id: attemptId, to: maskPhone(to), text })}\n`);
    const chunk = Buffer.from(lines.join(''));
    let written: number;
    let error = '';
    try {
      this.fd ??= openSync(this.file, 'a', 0o600);
      written = writeSync(this.fd, chunk);
    } catch (e) {
      // Nothing was written (a full disk, the file gone).
      written = 0;
      error = (e as Error).message;
    }
    // No delivery reports come back from a file: no gateway id to find them by (and no index entry to write).
    if (written === chunk.length) return Promise.resolve(lines.map((): SendOutcome => ({ result: 'sent', gatewayId: null })));
    // A short write (the disk filled midway): the lines written whole went, the one cut may count as sent
    // (never again), the rest did not go.
    const why = `cannot write ${this.target}: ${error || `wrote ${written} of ${chunk.length} bytes`}`;
    let end = 0;
    return Promise.resolve(
      lines.map((line): SendOutcome => {
        const start = end;
        end += Buffer.byteLength(line);
        if (end <= written) return { result: 'sent', gatewayId: null };
        return start < written ? { result: 'unknown', error: why } : { result: 'not-sent', error: why };
      }),
    );
  }

  close(): Promise<void> {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    return Promise.resolve();
  }
}
