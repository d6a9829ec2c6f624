// Africa's Talking's SMS API as documented: POST {url}/version1/messaging, form-encoded username, to, message
// and optional from, the API key in the `apiKey` header, JSON asked for with Accept. The answer names each
// recipient's status; a statusCode of 100–102 means taken. Delivery reports come back to POST /api/v1/sms/delivery.
import type { SendOutcome, SmsGateway } from './gateway.js';

export interface AfricasTalkingOptions {
  url: string;
  username: string;
  apiKey: string;
  from: string | null;
  timeoutMs: number;
}

/** Recipient statusCodes: 100 Processed, 101 Sent, 102 Queued are taken. */
const TAKEN = new Set([100, 101, 102]);
/** Not taken, and worth trying again later: 405 InsufficientBalance, 500 InternalServerError, 501 GatewayError. */
const TRY_AGAIN = new Set([405, 500, 501]);
/** Connection errors that mean the request never reached the API: nothing can have been sent. */
const NEVER_REACHED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

interface AtAnswer {
  SMSMessageData?: { Message?: string; Recipients?: { status?: string; statusCode?: number; messageId?: string; number?: string }[] };
}

export class AfricasTalkingGateway implements SmsGateway {
  readonly kind = 'africastalking' as const;
  readonly target: string;

  constructor(private readonly opts: AfricasTalkingOptions) {
    this.target = new URL(opts.url).host;
  }

  async send(to: string, text: string): Promise<SendOutcome> {
    const form = new URLSearchParams({ username: this.opts.username, to, message: text });
    if (this.opts.from) form.set('from', this.opts.from);
    let res: Response;
    try {
      res = await fetch(`${this.opts.url}/version1/messaging`, {
        method: 'POST',
        headers: { apiKey: this.opts.apiKey, Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
    } catch (e) {
      const code = (e as { cause?: { code?: string } }).cause?.code;
      if (code && NEVER_REACHED.has(code)) return { result: 'not-sent', error: `${this.target} unreachable (${code})` };
      // The request may have reached the API before the answer was lost: the message may have gone.
      return { result: 'unknown', error: `no answer from ${this.target}: ${(e as Error).name === 'TimeoutError' ? 'timed out' : code ?? (e as Error).message}` };
    }
    const body = await res.text().catch(() => '');
    if (res.status >= 500) return { result: 'not-sent', error: `${this.target} answered ${res.status}` };
    if (res.status === 401 || res.status === 403) return { result: 'not-sent', error: `${this.target} refused the credentials (${res.status}): check FOLENI_SMS_AT_USERNAME and FOLENI_SMS_AT_API_KEY` };
    if (res.status >= 400) return { result: 'refused', error: `${this.target} answered ${res.status}: ${body.slice(0, 120)}` };
    let answer: AtAnswer;
    try {
      answer = JSON.parse(body) as AtAnswer;
    } catch {
      return { result: 'unknown', error: `${this.target} answered ${res.status} with no JSON` };
    }
    const r = answer.SMSMessageData?.Recipients?.[0];
    if (!r || typeof r.statusCode !== 'number') {
      // "Sent to 0/1": the API took the request but named no recipient (the number was dropped as invalid).
      return { result: 'refused', error: `${this.target}: ${answer.SMSMessageData?.Message ?? 'no recipient in the answer'}` };
    }
    if (TAKEN.has(r.statusCode)) return { result: 'sent', gatewayId: r.messageId ?? null };
    const error = `${this.target}: ${r.status ?? 'status'} (${r.statusCode})`;
    return TRY_AGAIN.has(r.statusCode) ? { result: 'not-sent', error } : { result: 'refused', error };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
