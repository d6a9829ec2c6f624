// A GSM modem on a serial port (an outreach day with phone signal and no internet), spoken to in AT commands
// through the serialport package: `AT`, `AT+CMGF=1` (text mode), then per message `AT+CMGS="<number>"`, the
// modem's `> ` prompt, the text and Ctrl-Z, and `+CMGS: <ref>` then `OK`. One message at a time; each step has
// a time-out, and a modem that stops answering is opened afresh for the next message.
import { SerialPort } from 'serialport';
import type { SendOutcome, SmsGateway } from './gateway.js';

const CTRL_Z = '\x1a';
const ESC = '\x1b';

export interface ModemOptions {
  device: string;
  baudRate: number;
  /** Time-out of each command's answer; the message itself gets `sendTimeoutMs`. */
  commandTimeoutMs?: number;
  sendTimeoutMs: number;
}

class ModemSilent extends Error {}
class ModemError extends Error {}

export class ModemGateway implements SmsGateway {
  readonly kind = 'modem' as const;
  readonly target: string;
  private port: SerialPort | null = null;
  private buffer = '';
  private waiter: (() => void) | null = null;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: ModemOptions) {
    this.target = opts.device;
  }

  send(to: string, text: string, _attemptId?: string): Promise<SendOutcome> {
    const run = this.chain.then(() => this.sendOne(to, text));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async sendOne(to: string, text: string): Promise<SendOutcome> {
    const commandMs = this.opts.commandTimeoutMs ?? 5_000;
    try {
      await this.ready(commandMs);
      this.buffer = '';
      await this.write(`AT+CMGS="${to}"\r`);
      await this.waitFor(/> ?$|> /, commandMs);
    } catch (e) {
      // Before the text was handed over nothing can have gone. Escape out of a half-open prompt and start
      // the next message on a fresh port.
      await this.write(ESC).catch(() => undefined);
      await this.reset();
      return { result: 'not-sent', error: `modem ${this.target}: ${(e as Error).message}` };
    }
    try {
      this.buffer = '';
      await this.write(`${text}${CTRL_Z}`);
      const answer = await this.waitFor(/\+CMGS:\s*(\d+)[\s\S]*?\r\nOK\r\n|\+CMS ERROR:?\s*([^\r\n]*)|\r\nERROR\r\n/, this.opts.sendTimeoutMs);
      const ref = /\+CMGS:\s*(\d+)/.exec(answer);
      if (ref) return { result: 'sent', gatewayId: `cmgs-${ref[1]}` };
      // The network refused it (no signal, no credit): the message did not go.
      return { result: 'not-sent', error: `modem ${this.target}: ${answer.trim()}` };
    } catch (e) {
      await this.reset();
      // The text was handed over: the modem may have sent it before it fell silent.
      return { result: 'unknown', error: `modem ${this.target}: ${(e as Error).message} after the text was handed over` };
    }
  }

  /** Opens the port and puts the modem in text mode, once per opening. */
  private async ready(commandMs: number): Promise<void> {
    if (this.port?.isOpen) return;
    const port = new SerialPort({ path: this.opts.device, baudRate: this.opts.baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(new ModemError(`cannot open: ${e.message}`)) : resolve())));
    port.on('data', (chunk: Buffer) => {
      this.buffer += chunk.toString('latin1');
      this.waiter?.();
    });
    port.on('close', () => {
      if (this.port === port) this.port = null;
    });
    port.on('error', () => undefined);
    this.port = port;
    for (const command of ['AT', 'AT+CMGF=1']) {
      this.buffer = '';
      await this.write(`${command}\r`);
      await this.waitFor(/(^|\r\n)OK\r\n/, commandMs);
    }
  }

  private write(data: string): Promise<void> {
    const port = this.port;
    if (!port) return Promise.reject(new ModemError('port closed'));
    return new Promise((resolve, reject) => port.write(Buffer.from(data, 'latin1'), (e) => (e ? reject(new ModemError(e.message)) : port.drain(() => resolve()))));
  }

  /** The buffer once it matches, or a ModemSilent after `ms`; an ERROR line ends the wait too. */
  private waitFor(pattern: RegExp, ms: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (pattern.test(this.buffer)) return done(() => resolve(this.buffer));
        if (/(^|\r\n)(\+CMS )?ERROR/.test(this.buffer) && !pattern.source.includes('CMS')) return done(() => reject(new ModemError(this.buffer.trim())));
      };
      const timer = setTimeout(() => done(() => reject(new ModemSilent(`no answer within ${ms} ms`))), ms);
      const done = (then: () => void) => {
        clearTimeout(timer);
        this.waiter = null;
        then();
      };
      this.waiter = check;
      check();
    });
  }

  private async reset(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  async close(): Promise<void> {
    await this.chain;
    await this.reset();
  }
}
