// `npm run hq`: the head-office server. The only file that listens; closes on SIGINT/SIGTERM.
import { ConfigError } from '@foleni/server/config.js';
import { DataFolderInUse, lockDataFolder } from '@foleni/server/data-lock.js';
import { systemClock } from '@foleni/server/clock.js';
import { createLogger } from '@foleni/server/logger.js';
import { createHqApp } from './app.js';
import { describeHqConfig, loadHqConfig } from './config.js';
import { openDatabase } from './db/open-database.js';

async function main(): Promise<void> {
  const config = loadHqConfig();
  const log = createLogger(config.logLevel);
  // Embedded PGlite is one process's: a second head office on the same folder would corrupt it.
  const unlock = config.databaseUrl ? () => undefined : lockDataFolder(config.dataDir);
  const sql = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const hq = createHqApp({ config, sql, clock: systemClock, log });
  const made = await hq.auth.ensureAdmin(config.adminPassword);
  const server = hq.app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  log.info('head office started', describeHqConfig(config));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  process.stdout.write(
    [
      `Foleni head office: http://localhost:${port}/hq  (API /hq/api/v1, storage ${sql.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL server'})`,
      made ? `Admin: admin / ${made}   <- shown this once; write it down` : 'Admin: admin / (the password in FOLENI_HQ_ADMIN_PASSWORD, or the one shown at first start)',
    ].join('\n') + '\n',
  );
  const stop = () => {
    server.close();
    server.closeAllConnections();
    void sql.close().finally(() => {
      unlock();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError
      ? error.message
      : error instanceof DataFolderInUse
        ? `Another head office (process ${error.pid}) is already using ${error.dataDir}. Stop it first, or choose another FOLENI_HQ_DATA_DIR.`
        : `Head office could not start: ${error instanceof Error ? error.stack : String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
