// Head office's configuration: defaults, then the environment, validated at start-up with every bad
// variable listed (as the centre's, server/src/config.ts, whose rules for ports and passwords it shares).
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '@foleni/server/config.js';
import { passwordProblem } from '@foleni/server/auth/password-rules.js';

export interface HqConfig {
  port: number;
  host: string;
  dataDir: string;
  /** A PostgreSQL server; null: embedded PGlite in dataDir. */
  databaseUrl: string | null;
  adminPassword: string | null;
  /** Where browsers reach head office, for the same-origin check; null: the Host each request names. */
  publicUrl: string | null;
  rateLimits: boolean;
  trustProxy: false | number | string;
  logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug';
}

const Env = z.object({
  FOLENI_HQ_PORT: z
    .string()
    .regex(/^\d{1,5}$/, 'must be a port number, 1 to 65535')
    .transform(Number)
    .refine((n) => n >= 0 && n <= 65535, 'must be a port number, 1 to 65535')
    .default(8180),
  FOLENI_HQ_HOST: z.string().min(1).default('0.0.0.0'),
  FOLENI_HQ_DATA_DIR: z.string().min(1).default('./data-hq'),
  FOLENI_HQ_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  FOLENI_HQ_ADMIN_PASSWORD: z
    .string()
    .min(8, 'must be at least 8 characters')
    .superRefine((pw, ctx) => {
      const problem = passwordProblem(pw, 'admin');
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  FOLENI_HQ_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  FOLENI_RATE_LIMITS: z.enum(['on', 'off']).default('on'),
  FOLENI_HQ_TRUST_PROXY: z.string().trim().optional(),
  FOLENI_LOG_LEVEL: z.enum(['silent', 'error', 'warn', 'info', 'debug']).default('info'),
});

export function loadHqConfig(env: NodeJS.ProcessEnv = process.env): HqConfig {
  const set = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('FOLENI_') && v !== undefined && v.trim() !== ''));
  const parsed = Env.safeParse(set);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`));
  const e = parsed.data;
  return {
    port: e.FOLENI_HQ_PORT,
    host: e.FOLENI_HQ_HOST,
    dataDir: resolve(e.FOLENI_HQ_DATA_DIR),
    databaseUrl: e.FOLENI_HQ_DATABASE_URL ?? null,
    adminPassword: e.FOLENI_HQ_ADMIN_PASSWORD ?? null,
    publicUrl: e.FOLENI_HQ_PUBLIC_URL?.replace(/\/$/, '') ?? null,
    rateLimits: e.FOLENI_RATE_LIMITS === 'on',
    trustProxy: e.FOLENI_HQ_TRUST_PROXY === undefined ? false : /^\d+$/.test(e.FOLENI_HQ_TRUST_PROXY) ? Number(e.FOLENI_HQ_TRUST_PROXY) : e.FOLENI_HQ_TRUST_PROXY,
    logLevel: e.FOLENI_LOG_LEVEL,
  };
}

/** The config as logs may show it: no password, no database password. */
export function describeHqConfig(c: HqConfig): Record<string, unknown> {
  return { ...c, adminPassword: c.adminPassword ? '***' : null, databaseUrl: c.databaseUrl?.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') ?? null };
}
