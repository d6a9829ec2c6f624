// Restores a Foleni backup (downloaded from Settings → Backup, or GET /api/v1/admin/backup) with the
// server stopped:
//
//   npx tsx scripts/src/restore-backup.ts <backup.db> [--data-dir ./data] [--port 8080] [--yes]
//
// The backup is checked first (a Foleni database, SQLite integrity check). The database in place is not
// deleted: it is kept beside the restored one as foleni-before-restore-<time>.db. The data folder and port
// default to FOLENI_DATA_DIR and FOLENI_PORT, as for the server.
import { createInterface } from 'node:readline/promises';
import { resolve } from 'node:path';
import { inspectBackup, restoreBackup, RestoreError } from '@foleni/server/backup/restore.js';

interface Args {
  backup: string;
  dataDir: string;
  port: number;
  yes: boolean;
}

function usage(message?: string): never {
  if (message) process.stderr.write(`${message}\n\n`);
  process.stderr.write('Usage: npx tsx scripts/src/restore-backup.ts <backup.db> [--data-dir ./data] [--port 8080] [--yes]\n');
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const args: Partial<Args> = { dataDir: process.env.FOLENI_DATA_DIR ?? './data', port: Number(process.env.FOLENI_PORT ?? 8080), yes: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--yes' || a === '-y') args.yes = true;
    else if (a === '--data-dir') args.dataDir = argv[++i] ?? usage('--data-dir needs a folder.');
    else if (a === '--port') args.port = Number(argv[++i] ?? usage('--port needs a number.'));
    else if (a === '--help' || a === '-h') usage();
    else if (a.startsWith('-')) usage(`Unknown option ${a}.`);
    else if (args.backup) usage('Give one backup file.');
    else args.backup = a;
  }
  if (!args.backup) usage('Which backup file?');
  return args as Args;
}

/** A server answering on the port means the centre is running, whatever /proc says. */
async function serverAnswers(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`, { signal: AbortSignal.timeout(1500) });
    return res.ok;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const info = inspectBackup(resolve(args.backup));
  process.stdout.write(
    `Backup of ${info.centreName}${info.centreCode ? ` (${info.centreCode})` : ''}: ${info.tickets} tickets, ` +
      `last day ${info.lastTicketDay ?? 'none'}, schema version ${info.schemaVersion}.\n`,
  );
  if (await serverAnswers(args.port)) {
    throw new RestoreError(`A Foleni server answers on port ${args.port}: stop it first (Ctrl+C in its window, or stop its service).`);
  }
  if (!args.yes) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await rl.question(`Restore it into ${resolve(args.dataDir)}? The current database is kept beside it. [y/N] `);
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      process.stdout.write('Nothing changed.\n');
      return;
    }
  }
  const result = restoreBackup({ backupFile: args.backup, dataDir: args.dataDir });
  process.stdout.write(
    `Restored into ${resolve(args.dataDir)}.\n` +
      (result.keptAs ? `The database that was there is kept as ${result.keptAs}.\n` : '') +
      'Start the server again (npm start).\n',
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof RestoreError ? e.message : e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
