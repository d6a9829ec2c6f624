// The fake network printer as a command, for the demo and for trying a kiosk by hand:
//   tsx scripts/src/fake-printer.ts --port 9100 [--host 127.0.0.1] [--mode online] [--print-ms 300] [--verbose]
// It prints the text of every ticket it receives; type a state on stdin to change it while it runs.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { FAKE_PRINTER_MODES, FakePrinter, type FakePrinterMode } from './fake-printer/fake-printer.js';

const HELP = `commands:
  online | offline | paper-out | paper-near-end | cover-open   change the printer's state
  silent        accept connections, answer nothing (a hung printer)
  ignores-gs-r  print, but never confirm with GS r (as some cheap printers do)
  stop      switch it off (connections are refused)
  start     switch it on again
  status    show the state and how many jobs were printed
  help      this text
  quit      exit`;

function parseMode(word: string): FakePrinterMode | null {
  const mode = word.replace(/-/g, '_');
  return (FAKE_PRINTER_MODES as readonly string[]).includes(mode) ? (mode as FakePrinterMode) : null;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '9100' },
      host: { type: 'string', default: '127.0.0.1' },
      mode: { type: 'string', default: 'online' },
      'print-ms': { type: 'string', default: '0' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(`usage: tsx scripts/src/fake-printer.ts --port 9100 [--host 127.0.0.1] [--mode online] [--print-ms 0] [--verbose]\n\n${HELP}`);
    return;
  }
  const mode = parseMode(values.mode);
  const port = Number(values.port);
  if (!mode || !Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`bad arguments: --port must be 0-65535 and --mode one of ${FAKE_PRINTER_MODES.join(', ')}`);
    process.exitCode = 2;
    return;
  }

  const printer = new FakePrinter({ host: values.host, port, mode, printMs: Number(values['print-ms']) || 0 });
  printer.on('job', (job) => {
    const rule = '-'.repeat(48);
    console.log(`\n${rule}\njob ${job.index}, ${job.bytes.length} bytes, ${new Date(job.at).toLocaleTimeString()}\n${rule}\n${job.text}\n${rule}`);
  });
  if (values.verbose) printer.on('status-query', ({ n, reply }) => console.log(`DLE EOT ${n} -> ${reply === null ? 'no answer' : '0x' + reply.toString(16).padStart(2, '0')}`));
  printer.on('mode', (m) => console.log(`printer is now ${m}`));
  await printer.start();
  console.log(`fake printer listening on ${printer.url} (${printer.mode}); type "help" for commands`);

  const input = createInterface({ input: process.stdin });
  const quit = async (): Promise<void> => {
    input.close();
    await printer.stop();
  };
  process.once('SIGINT', () => void quit());
  process.once('SIGTERM', () => void quit());
  for await (const raw of input) {
    const word = raw.trim().toLowerCase();
    const next = parseMode(word);
    if (!word) continue;
    if (next) printer.setMode(next);
    else if (word === 'stop') await printer.stop().then(() => console.log('printer switched off: connections are refused'));
    else if (word === 'start') await printer.start().then(() => console.log(`printer switched on at ${printer.url}`));
    else if (word === 'status') console.log(`${printer.listening ? printer.mode : 'switched off'}, ${printer.jobs.length} jobs printed`);
    else if (word === 'help') console.log(HELP);
    else if (word === 'quit' || word === 'exit') break;
    else console.log(`unknown command "${word}"; type "help"`);
  }
  await quit();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
