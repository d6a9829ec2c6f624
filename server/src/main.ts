// The entry point: `node server/dist/main.js` in production (built by `npm run build`), `tsx server/src/main.ts`
// from source. Closes in seconds on SIGINT/SIGTERM (stop-on-signals.ts).
import { ConfigError } from './config.js';
import { DataFolderInUse } from './data-lock.js';
import { runServer } from './run-server.js';
import { stopOnSignals } from './stop-on-signals.js';

const started = stopOnSignals((line) => process.stdout.write(`${line}\n`));

runServer().then(started, (error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataFolderInUse) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`Foleni could not start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
