// The entry point: `tsx server/src/main.ts`. Closes cleanly on SIGINT/SIGTERM.
import { ConfigError } from './config.js';
import { DataFolderInUse } from './data-lock.js';
import { runServer } from './run-server.js';

runServer().then(
  (server) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      process.stdout.write(`\n${signal}: closing Foleni…\n`);
      server.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof DataFolderInUse) process.stderr.write(`${error.message}\n`);
    else process.stderr.write(`Foleni could not start: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
