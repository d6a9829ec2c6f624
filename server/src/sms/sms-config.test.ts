// The SMS gateway's settings from the environment, and a server that will not start with Africa's Talking but
// no key for its delivery reports (anyone could then mark messages delivered or failed).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config.js';
import { loadSmsConfig } from './sms-config.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const AT = { FOLENI_SMS_GATEWAY: 'africastalking', FOLENI_SMS_AT_USERNAME: 'sandbox', FOLENI_SMS_AT_API_KEY: 'at-api-key' };

function problems(env: Record<string, string>): string[] {
  try {
    loadSmsConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('SMS settings from the environment', () => {
  it('takes the delivery reports’ key with Africa’s Talking', () => {
    const c = loadSmsConfig({ ...AT, FOLENI_SMS_CALLBACK_KEY: '4f1c0a9e7b2d5c8e3a6f' });
    expect(c.gateway).toMatchObject({ kind: 'africastalking', callbackKey: '4f1c0a9e7b2d5c8e3a6f' });
  });

  it('asks for the key with Africa’s Talking, says how to make and register it, and never echoes a bad one', () => {
    const missing = problems(AT);
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatch(/^FOLENI_SMS_CALLBACK_KEY: must be set with FOLENI_SMS_GATEWAY=africastalking/);
    expect(missing[0]).toContain('/api/v1/sms/delivery?key=');
    const short = problems({ ...AT, FOLENI_SMS_CALLBACK_KEY: 'sh0rt&key' });
    expect(short).toEqual([expect.stringMatching(/^FOLENI_SMS_CALLBACK_KEY: must be 16 to 200/)]);
    expect(short.join('')).not.toContain('sh0rt&key');
  });

  it('needs no key for the log or a modem', () => {
    expect(loadSmsConfig({}).gateway).toEqual({ kind: 'log' });
    expect(problems({ FOLENI_SMS_GATEWAY: 'modem:/dev/ttyUSB0' })).toEqual([]);
  });

  it('refuses to start a server with Africa’s Talking and no key, saying why, before touching its data folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'foleni-sms-key-'));
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/src/main.ts')], {
        cwd: ROOT,
        env: { ...process.env, ...AT, FOLENI_PORT: '65431', FOLENI_DATA_DIR: dataDir, FOLENI_SMS_CALLBACK_KEY: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((r) => child.on('exit', r));
      expect(code).toBe(1);
      expect(stderr).toContain('Bad configuration:');
      expect(stderr).toContain('FOLENI_SMS_CALLBACK_KEY: must be set with FOLENI_SMS_GATEWAY=africastalking');
      expect(readdirSync(dataDir)).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});
