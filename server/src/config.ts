// Configuration: defaults, then the environment, validated at start-up with every bad variable listed.
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Where phones reach this server; printed in QR codes. */
  publicUrl: string;
  adminPassword: string | null;
  demo: boolean;
  /** Seed eight weeks of past days into a new demo database (on in `npm start` only). */
  demoHistory: boolean;
  /** Simulated citizens take a ticket now and then (on in `npm start` only). */
  demoTraffic: boolean;
  rateLimits: boolean;
  logLevel: 'silent' | 'error' | 'info' | 'debug';
}

const Port = z
  .string()
  .regex(/^\d{1,5}$/, 'must be a port number, 1 to 65535')
  .transform(Number)
  .refine((n) => n >= 1 && n <= 65535, 'must be a port number, 1 to 65535');

const Env = z.object({
  FOLENI_PORT: Port.default(8080),
  FOLENI_HOST: z.string().min(1).default('0.0.0.0'),
  FOLENI_DATA_DIR: z.string().min(1).default('./data'),
  FOLENI_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  FOLENI_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  FOLENI_DEMO: z.enum(['0', '1']).default('1'),
  FOLENI_DEMO_HISTORY: z.enum(['0', '1']).default('0'),
  FOLENI_DEMO_TRAFFIC: z.enum(['0', '1']).default('0'),
  FOLENI_RATE_LIMITS: z.enum(['on', 'off']).default('on'),
  FOLENI_LOG_LEVEL: z.enum(['silent', 'error', 'info', 'debug']).default('info'),
});

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Bad configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** The first LAN address, so a phone on the centre's Wi-Fi can open the tracker link. */
export function lanAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const net of list ?? []) if (net.family === 'IPv4' && !net.internal) return net.address;
  }
  return 'localhost';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // A variable set to nothing (FOLENI_PORT= in a unit file) means the default, as if it were not set.
  const set = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('FOLENI_') && v !== undefined && v.trim() !== ''));
  const parsed = Env.safeParse(set);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`));
  }
  const e = parsed.data;
  return {
    port: e.FOLENI_PORT,
    host: e.FOLENI_HOST,
    dataDir: resolve(e.FOLENI_DATA_DIR),
    publicUrl: (e.FOLENI_PUBLIC_URL ?? `http://${lanAddress()}:${e.FOLENI_PORT}`).replace(/\/$/, ''),
    adminPassword: e.FOLENI_ADMIN_PASSWORD ?? null,
    demo: e.FOLENI_DEMO === '1',
    demoHistory: e.FOLENI_DEMO_HISTORY === '1',
    demoTraffic: e.FOLENI_DEMO_TRAFFIC === '1',
    rateLimits: e.FOLENI_RATE_LIMITS === 'on',
    logLevel: e.FOLENI_LOG_LEVEL,
  };
}

/** The config as logs may show it. */
export function describeConfig(c: Config): Record<string, unknown> {
  return { ...c, adminPassword: c.adminPassword ? '***' : null };
}
