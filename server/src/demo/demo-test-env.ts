// For the demo's tests: the environment of a demo centre run by runServer on a free port.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A port nobody listens on now (the configuration takes 1–65535, not 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export const DEMO_TEST_ADMIN_PASSWORD = 'demo-test-admin-1';

export async function demoEnv(dataDir: string, extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
  const port = await freePort();
  return {
    FOLENI_PORT: String(port),
    FOLENI_HOST: '127.0.0.1',
    FOLENI_PUBLIC_URL: `http://127.0.0.1:${port}`,
    FOLENI_DATA_DIR: dataDir,
    FOLENI_DEMO: '1',
    FOLENI_DEMO_PRINTER: 'preview',
    FOLENI_ADMIN_PASSWORD: DEMO_TEST_ADMIN_PASSWORD,
    FOLENI_RATE_LIMITS: 'off',
    FOLENI_LOG_LEVEL: 'silent',
    ...extra,
  };
}
