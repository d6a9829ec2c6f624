import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig } from './config.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('configuration from the environment', () => {
  it('has defaults for a fresh laptop', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    // `npx tsx server/src/main.ts` (or node) starts an empty centre: only `npm start` asks for the demo.
    expect(c.demo).toBe(false);
    expect(c.trustProxy).toBe(false);
    expect(c.rateLimits).toBe(true);
    expect(c.adminPassword).toBeNull();
    // History and simulated citizens are for `npm start`'s demo only, which switches them on.
    expect(c.demoHistory).toBe(false);
    expect(c.demoTraffic).toBe(false);
    expect(c.publicUrl).toMatch(/^http:\/\/.+:8080$/);
  });

  it('reads every setting', () => {
    const c = loadConfig({
      FOLENI_PORT: '9000',
      FOLENI_DATA_DIR: '/srv/foleni',
      FOLENI_PUBLIC_URL: 'http://10.0.0.2:9000/',
      FOLENI_ADMIN_PASSWORD: 'a-long-secret',
      FOLENI_DEMO: '0',
      FOLENI_DEMO_HISTORY: '1',
      FOLENI_DEMO_TRAFFIC: '1',
      FOLENI_RATE_LIMITS: 'off',
      FOLENI_LOG_LEVEL: 'error',
    });
    expect(c).toMatchObject({ port: 9000, dataDir: '/srv/foleni', publicUrl: 'http://10.0.0.2:9000', adminPassword: 'a-long-secret', demo: false, demoHistory: true, demoTraffic: true, rateLimits: false, logLevel: 'error' });
  });

  it('takes a variable set to nothing as not set, not as port 0', () => {
    const c = loadConfig({ FOLENI_PORT: '', FOLENI_PUBLIC_URL: ' ', FOLENI_DEMO: '', FOLENI_TRUST_PROXY: '' });
    expect(c.port).toBe(8080);
    expect(c.demo).toBe(false);
    expect(c.trustProxy).toBe(false);
  });

  it('reads FOLENI_TRUST_PROXY as Express takes it: hops as a number, names and addresses as text', () => {
    expect(loadConfig({ FOLENI_TRUST_PROXY: '1', FOLENI_HOST: '127.0.0.1' }).trustProxy).toBe(1);
    expect(loadConfig({ FOLENI_TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
    expect(loadConfig({ FOLENI_TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::1' }).trustProxy).toBe('loopback, 10.0.0.0/8, fd00::1');
    for (const bad of ['yes', 'true', 'all', '10.0.0.1; rm', '123']) expect(problems({ FOLENI_TRUST_PROXY: bad }), bad).toHaveLength(1);
    // Listening to the network, a hop count or a range the clients are in would let each claim any address.
    for (const open of ['1', '2', 'uniquelocal', 'loopback, linklocal']) {
      expect(problems({ FOLENI_TRUST_PROXY: open, FOLENI_HOST: '0.0.0.0' }), open).toEqual([expect.stringContaining("name the proxy's own address")]);
    }
    expect(loadConfig({ FOLENI_TRUST_PROXY: '10.0.0.5', FOLENI_HOST: '0.0.0.0' }).trustProxy).toBe('10.0.0.5');
  });

  it('refuses a common or trivial admin password', () => {
    for (const pw of ['password1', '12345678', 'aaaaaaaa', 'ZZZZZZZZZZ', 'Sunshine']) expect(problems({ FOLENI_ADMIN_PASSWORD: pw }), pw).toHaveLength(1);
    expect(problems({ FOLENI_ADMIN_PASSWORD: 'kiosk-tea-at-four' })).toEqual([]);
  });

  it('lists every bad variable at once, by name', () => {
    const found = problems({ FOLENI_PORT: '80a', FOLENI_PUBLIC_URL: 'ftp://x', FOLENI_ADMIN_PASSWORD: 'short', FOLENI_DEMO: 'yes', FOLENI_DEMO_TRAFFIC: 'on', FOLENI_LOG_LEVEL: 'loud' });
    expect(found.map((p) => p.split(':')[0]).sort()).toEqual(['FOLENI_ADMIN_PASSWORD', 'FOLENI_DEMO', 'FOLENI_DEMO_TRAFFIC', 'FOLENI_LOG_LEVEL', 'FOLENI_PORT', 'FOLENI_PUBLIC_URL']);
    expect(found.join('\n')).toContain('at least 8 characters');
  });

  it('links to head office only with both FOLENI_HQ_URL and FOLENI_HQ_KEY, and never shows the key', () => {
    expect(loadConfig({}).hq).toBeNull();
    const c = loadConfig({ FOLENI_HQ_URL: 'https://hq.huduma.example/', FOLENI_HQ_KEY: 'k-123456' });
    expect(c.hq).toEqual({ url: 'https://hq.huduma.example', key: 'k-123456' });
    expect(JSON.stringify(describeConfig(c))).not.toContain('k-123456');
    expect(problems({ FOLENI_HQ_URL: 'https://hq.huduma.example' })).toEqual([expect.stringMatching(/^FOLENI_HQ_KEY: .*needs both/)]);
    expect(problems({ FOLENI_HQ_KEY: 'k-123456' })).toEqual([expect.stringMatching(/^FOLENI_HQ_URL: /)]);
    expect(problems({ FOLENI_HQ_URL: 'ftp://hq', FOLENI_HQ_KEY: 'k' }).map((p) => p.split(':')[0])).toEqual(['FOLENI_HQ_URL']);
  });

  it('refuses ports a server cannot be asked to listen on', () => {
    for (const port of ['0', '65536', '-1', '0x50', '1e3', '8080.5']) expect(problems({ FOLENI_PORT: port }), port).toHaveLength(1);
  });
});
