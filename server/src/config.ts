// Configuration: defaults, then the environment, validated at start-up with every bad variable listed.
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { BackupSettings } from './backup/backup-schedule.js';
import { pickLanAddress } from './network/ticket-address.js';
import { passwordProblem } from './auth/password-rules.js';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Where phones reach this server; printed in QR codes (the Centre page's address goes first). */
  publicUrl: string;
  /**
   * FOLENI_PUBLIC_URL was not set: `publicUrl` is the LAN address at start-up, and the address printed then
   * follows the network (network/ticket-address.ts). Absent or false: `publicUrl` is used as it is.
   */
  followNetwork?: boolean;
  adminPassword: string | null;
  demo: boolean;
  /** Seed eight weeks of past days into a new demo database (on in `npm start` only). */
  demoHistory: boolean;
  /** Simulated citizens take a ticket now and then (on in `npm start` only). */
  demoTraffic: boolean;
  rateLimits: boolean;
  /**
   * Express's `trust proxy`: which proxies' X-Forwarded-For/-Proto to believe, so req.ip (the sign-in
   * throttle's address) and req.secure (the cookie's Secure flag) are the client's behind a TLS proxy.
   * false: none (the server is reached directly).
   */
  trustProxy: false | number | string;
  logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  /** Head office to feed the event log to (FOLENI_HQ_URL and FOLENI_HQ_KEY); null: no live feed. */
  hq: { url: string; key: string } | null;
  /** Backups by themselves (backup/backup-schedule.ts); absent: none. */
  backup?: BackupSettings;
}

const Port = z
  .string()
  .regex(/^\d{1,5}$/, 'must be a port number, 1 to 65535')
  .transform(Number)
  .refine((n) => n >= 1 && n <= 65535, 'must be a port number, 1 to 65535');

/** One trusted proxy as Express's `trust proxy` names it: a preset, an IPv4 or IPv6 address, or a subnet. */
const PROXY = /^(loopback|linklocal|uniquelocal|\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?|[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7}(\/\d{1,3})?)$/;

const Env = z.object({
  FOLENI_PORT: Port.default(8080),
  FOLENI_HOST: z.string().min(1).default('0.0.0.0'),
  FOLENI_DATA_DIR: z.string().min(1).default('./data'),
  FOLENI_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  FOLENI_ADMIN_PASSWORD: z
    .string()
    .min(8, 'must be at least 8 characters')
    .superRefine((pw, ctx) => {
      const problem = passwordProblem(pw, 'admin');
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  // Only `npm start` (scripts/src/start.ts) makes the demo unless told otherwise: a server started any other
  // way is a real centre, and the demo's staff passwords are printed in the README.
  FOLENI_DEMO: z.enum(['0', '1']).default('0'),
  FOLENI_DEMO_HISTORY: z.enum(['0', '1']).default('0'),
  FOLENI_DEMO_TRAFFIC: z.enum(['0', '1']).default('0'),
  FOLENI_RATE_LIMITS: z.enum(['on', 'off']).default('on'),
  FOLENI_TRUST_PROXY: z
    .string()
    .trim()
    .refine(
      (v) => /^\d{1,2}$/.test(v) || v.split(',').every((p) => PROXY.test(p.trim())),
      'must be a number of proxies in front (1), or loopback, linklocal, uniquelocal or proxy addresses (10.0.0.5, 10.0.0.0/8), comma-separated',
    )
    .optional(),
  FOLENI_BACKUP_DIR: z.string().min(1).optional(),
  FOLENI_BACKUP_EVERY_HOURS: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a number of hours, 0.25 to 24')
    .transform(Number)
    .refine((h) => h >= 0.25 && h <= 24, 'must be a number of hours, 0.25 to 24')
    .default(3),
  FOLENI_BACKUP_KEEP: z.string().regex(/^\d{1,4}$/, 'must be a whole number of backups, 1 to 9999').transform(Number).refine((n) => n >= 1, 'must keep at least 1 backup').default(14),
  FOLENI_LOG_LEVEL: z.enum(['silent', 'error', 'warn', 'info', 'debug']).default('info'),
  FOLENI_HQ_URL: z.url({ protocol: /^https?$/ }).optional(),
  FOLENI_HQ_KEY: z.string().trim().min(1).optional(),
});

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Bad configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** The first LAN address that is not a container bridge, so a phone on the centre's Wi-Fi can open the tracker link. */
export function lanAddress(): string {
  return pickLanAddress(networkInterfaces()).address;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // A variable set to nothing (FOLENI_PORT= in a unit file) means the default, as if it were not set.
  const set = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('FOLENI_') && v !== undefined && v.trim() !== ''));
  const parsed = Env.safeParse(set);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`));
  }
  const e = parsed.data;
  // A hop count, or a range clients are in, trusts what any client that reaches the server directly says
  // of its own address (X-Forwarded-For): each guess at a password could then claim a fresh address.
  if (e.FOLENI_TRUST_PROXY !== undefined && !isLoopbackHost(e.FOLENI_HOST) && /^(\d+|.*\b(linklocal|uniquelocal)\b.*)$/.test(e.FOLENI_TRUST_PROXY)) {
    throw new ConfigError([
      `FOLENI_TRUST_PROXY: ${e.FOLENI_TRUST_PROXY} would trust what any client on the network says of its own address while the server listens on ${e.FOLENI_HOST}: name the proxy's own address (FOLENI_TRUST_PROXY=10.0.0.5), or listen on this machine only behind the proxy (FOLENI_HOST=127.0.0.1)`,
    ]);
  }
  if ((e.FOLENI_HQ_URL === undefined) !== (e.FOLENI_HQ_KEY === undefined)) {
    throw new ConfigError([
      `${e.FOLENI_HQ_URL === undefined ? 'FOLENI_HQ_URL' : 'FOLENI_HQ_KEY'}: the head-office link needs both FOLENI_HQ_URL (head office's address) and FOLENI_HQ_KEY (the key head office gave this centre)`,
    ]);
  }
  return {
    port: e.FOLENI_PORT,
    host: e.FOLENI_HOST,
    dataDir: resolve(e.FOLENI_DATA_DIR),
    publicUrl: (e.FOLENI_PUBLIC_URL ?? `http://${lanAddress()}:${e.FOLENI_PORT}`).replace(/\/$/, ''),
    followNetwork: e.FOLENI_PUBLIC_URL === undefined,
    adminPassword: e.FOLENI_ADMIN_PASSWORD ?? null,
    demo: e.FOLENI_DEMO === '1',
    demoHistory: e.FOLENI_DEMO_HISTORY === '1',
    demoTraffic: e.FOLENI_DEMO_TRAFFIC === '1',
    rateLimits: e.FOLENI_RATE_LIMITS === 'on',
    trustProxy: e.FOLENI_TRUST_PROXY === undefined ? false : /^\d+$/.test(e.FOLENI_TRUST_PROXY) ? Number(e.FOLENI_TRUST_PROXY) : e.FOLENI_TRUST_PROXY,
    logLevel: e.FOLENI_LOG_LEVEL,
    hq: e.FOLENI_HQ_URL && e.FOLENI_HQ_KEY ? { url: e.FOLENI_HQ_URL.replace(/\/+$/, ''), key: e.FOLENI_HQ_KEY } : null,
    backup: { dir: e.FOLENI_BACKUP_DIR === undefined ? null : resolve(e.FOLENI_BACKUP_DIR), everyHours: e.FOLENI_BACKUP_EVERY_HOURS, keep: e.FOLENI_BACKUP_KEEP },
  };
}

/** Listening only on this machine: nobody else can reach the server (nor its demo accounts). */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || /^::ffff:127\./.test(h);
}

/** The config as logs may show it. */
export function describeConfig(c: Config): Record<string, unknown> {
  return { ...c, adminPassword: c.adminPassword ? '***' : null, hq: c.hq ? { url: c.hq.url, key: '***' } : null };
}
