// `npm start`: the centre server, and in demo mode a fake network printer on 127.0.0.1:9100 so the demo
// kiosk prints somewhere you can see (each ticket's text is shown here). It is the only start that makes
// the demo unless told otherwise (FOLENI_DEMO=1 here, 0 elsewhere); a real centre sets FOLENI_DEMO=0.
// This demo is alive: a new one gets eight weeks of past days (FOLENI_DEMO_HISTORY) and simulated citizens
// take tickets now and then (FOLENI_DEMO_TRAFFIC); both are on here unless set to 0, and off elsewhere.
import { ConfigError } from '@foleni/server/config.js';
import { DataFolderInUse } from '@foleni/server/data-lock.js';
import { runServer } from '@foleni/server/run-server.js';
import { stopOnSignals } from '@foleni/server/stop-on-signals.js';
import { FakePrinter } from './fake-printer/fake-printer.js';

/** FOLENI_DEMO as this start takes it: on unless set (a variable set to nothing counts as not set). */
const demoMode = (): string => process.env.FOLENI_DEMO?.trim() || '1';

async function startDemoPrinter(): Promise<FakePrinter | null> {
  if (demoMode() === '0' || process.env.FOLENI_DEMO_PRINTER) return null;
  const printer = new FakePrinter({ host: '127.0.0.1', port: 9100 });
  try {
    await printer.start();
  } catch {
    process.stdout.write('Port 9100 is taken (a real printer service?): the demo kiosk will print there.\n');
    return null;
  }
  printer.on('job', (job) => {
    const label = job.text.split('\n').find((l) => /^[A-Z]{1,3}\d{3,}$/.test(l.trim()));
    process.stdout.write(`[demo printer] printed ${label?.trim() ?? `a job of ${job.bytes.length} bytes`}\n`);
  });
  process.stdout.write('Demo printer (fake, TCP) listening on tcp://127.0.0.1:9100\n');
  return printer;
}

async function main(): Promise<void> {
  // The signal reaches this process itself (npm and tsx pass it on, and a group signal reaches it directly):
  // it closes the server and the printer, then exits, whether it came during start-up or after.
  const started = stopOnSignals((line) => process.stdout.write(`${line}\n`));
  const printer = await startDemoPrinter();
  const server = await runServer({
    ...process.env,
    FOLENI_DEMO: demoMode(),
    FOLENI_DEMO_HISTORY: process.env.FOLENI_DEMO_HISTORY ?? '1',
    FOLENI_DEMO_TRAFFIC: process.env.FOLENI_DEMO_TRAFFIC ?? '1',
  });
  started({
    async close() {
      await server.close();
      await printer?.stop();
    },
  });
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof ConfigError || error instanceof DataFolderInUse ? `${error.message}\n` : `Foleni could not start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
