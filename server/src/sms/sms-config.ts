// The SMS gateway's settings, from the environment only (credentials never come from the database or the API),
// validated at start-up with every bad variable listed, as config.ts does for the rest.
import { z } from 'zod';
import { ConfigError } from '../config.js';

export type SmsGatewayConfig =
  | { kind: 'log' }
  | {
      kind: 'africastalking';
      url: string;
      username: string;
      apiKey: string;
      from: string | null;
      /** The secret in the delivery-report URL registered at Africa's Talking (`?key=`): they do not sign callbacks. */
      callbackKey: string;
    }
  | { kind: 'modem'; device: string; baudRate: number };

export interface SmsConfig {
  gateway: SmsGatewayConfig;
  /** Backoff after a failed send: first wait, doubling up to the longest. */
  backoffMs: { first: number; max: number };
  /** How long a gateway may take to answer one message before its outcome is taken as unknown. */
  sendTimeoutMs: number;
}

export const AT_LIVE_URL = 'https://api.africastalking.com';

export const DEFAULT_SMS: SmsConfig = { gateway: { kind: 'log' }, backoffMs: { first: 2_000, max: 5 * 60_000 }, sendTimeoutMs: 30_000 };

const Env = z.object({
  FOLENI_SMS_GATEWAY: z
    .string()
    .regex(/^(log|africastalking|modem:\/dev\/\S+)$/, 'must be log, africastalking or modem:/dev/ttyUSB0 (the modem’s serial device)')
    .default('log'),
  FOLENI_SMS_AT_URL: z.url({ protocol: /^https?$/ }).default(AT_LIVE_URL),
  FOLENI_SMS_AT_USERNAME: z.string().min(1).optional(),
  FOLENI_SMS_AT_API_KEY: z.string().min(1).optional(),
  FOLENI_SMS_SENDER: z.string().min(1).max(11).optional(),
  FOLENI_SMS_CALLBACK_KEY: z.string().regex(/^[A-Za-z0-9._~-]{16,200}$/, 'must be 16 to 200 letters, digits or ._~- (it goes in a URL): make one with `openssl rand -hex 24`').optional(),
  FOLENI_SMS_MODEM_BAUD: z.string().regex(/^\d{3,7}$/, 'must be a baud rate such as 115200').transform(Number).default(115200),
  FOLENI_SMS_BACKOFF_MS: z.string().regex(/^\d{1,7}$/, 'must be milliseconds').transform(Number).optional(),
});

export function loadSmsConfig(env: NodeJS.ProcessEnv = process.env): SmsConfig {
  const set = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('FOLENI_SMS_') && v !== undefined && v.trim() !== ''));
  const parsed = Env.safeParse(set);
  // The key is never echoed: only the variable's name and what is wrong with it.
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`));
  const e = parsed.data;
  const backoffMs = e.FOLENI_SMS_BACKOFF_MS === undefined ? DEFAULT_SMS.backoffMs : { first: e.FOLENI_SMS_BACKOFF_MS, max: e.FOLENI_SMS_BACKOFF_MS * 8 };
  const base = { backoffMs, sendTimeoutMs: DEFAULT_SMS.sendTimeoutMs };
  if (e.FOLENI_SMS_GATEWAY === 'log') return { ...base, gateway: { kind: 'log' } };
  if (e.FOLENI_SMS_GATEWAY.startsWith('modem:')) return { ...base, gateway: { kind: 'modem', device: e.FOLENI_SMS_GATEWAY.slice('modem:'.length), baudRate: e.FOLENI_SMS_MODEM_BAUD } };
  const missing = [
    ...(e.FOLENI_SMS_AT_USERNAME ? [] : ['FOLENI_SMS_AT_USERNAME: must be set with FOLENI_SMS_GATEWAY=africastalking']),
    ...(e.FOLENI_SMS_AT_API_KEY ? [] : ['FOLENI_SMS_AT_API_KEY: must be set with FOLENI_SMS_GATEWAY=africastalking']),
    ...(e.FOLENI_SMS_CALLBACK_KEY
      ? []
      : [
          'FOLENI_SMS_CALLBACK_KEY: must be set with FOLENI_SMS_GATEWAY=africastalking: a secret (`openssl rand -hex 24`) that delivery reports carry; register https://<this server>/api/v1/sms/delivery?key=<it> as the delivery-report URL in Africa’s Talking’s dashboard',
        ]),
  ];
  if (missing.length) throw new ConfigError(missing);
  return {
    ...base,
    gateway: {
      kind: 'africastalking',
      url: e.FOLENI_SMS_AT_URL.replace(/\/$/, ''),
      username: e.FOLENI_SMS_AT_USERNAME!,
      apiKey: e.FOLENI_SMS_AT_API_KEY!,
      from: e.FOLENI_SMS_SENDER ?? null,
      callbackKey: e.FOLENI_SMS_CALLBACK_KEY!,
    },
  };
}
