// Sets a new password for a staff account, with the server stopped: for an admin whose password was lost
// (the first one is printed once, at the first start).
//
//   npm run reset-password -- <username> [--data-dir ./data] [--password <new password>]
//
// Without --password a random one is made and printed. The account is switched on again if it was off, and
// signed out everywhere; the change is in the audit log. The data folder defaults to FOLENI_DATA_DIR.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createApp } from '@foleni/server/app.js';
import { loadConfig } from '@foleni/server/config.js';
import { DataFolderInUse, lockDataFolder } from '@foleni/server/data-lock.js';
import { AppError } from '@foleni/server/errors.js';
import { openDb } from '@foleni/server/db/db.js';
import { createLogger } from '@foleni/server/logger.js';

class UsageError extends Error {}

interface Args {
  username: string;
  dataDir: string;
  password: string | null;
}

function parseArgs(argv: string[]): Args {
  let username: string | undefined;
  let dataDir = process.env.FOLENI_DATA_DIR || './data';
  let password: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--data-dir') dataDir = argv[++i] ?? '';
    else if (a === '--password') password = argv[++i] ?? '';
    else if (a.startsWith('-')) throw new UsageError(`Unknown option ${a}.`);
    else if (username) throw new UsageError('Give one username.');
    else username = a;
  }
  if (!username) throw new UsageError('Whose password? Give a username, e.g. admin.');
  if (!dataDir) throw new UsageError('--data-dir needs a folder.');
  if (password !== null && password.length < 8) throw new UsageError('The new password must be at least 8 characters.');
  return { username, dataDir: resolve(dataDir), password };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const file = join(args.dataDir, 'foleni.db');
  if (!existsSync(file)) throw new UsageError(`No Foleni database in ${args.dataDir}.`);
  const unlock = lockDataFolder(args.dataDir);
  const db = openDb({ file });
  const app = createApp({ config: loadConfig({ FOLENI_DATA_DIR: args.dataDir, FOLENI_DEMO: '0' }), db, log: createLogger('silent') });
  try {
    const user = app.ctx.repos.users.byUsername(args.username);
    if (!user) {
      const names = app.ctx.repos.users.list().map((u) => `${u.username} (${u.role})`);
      throw new UsageError(`No account ${args.username}. Accounts: ${names.join(', ')}.`);
    }
    const password = args.password ?? randomBytes(9).toString('base64url');
    await app.ctx.admin.updateUser(user.id, { password, active: true }, null);
    process.stdout.write(`New password for ${user.username} (${user.role}): ${args.password ? '(the one given)' : password}\n`);
    process.stdout.write('They are signed out everywhere; the change is in the audit log.\n');
  } finally {
    await app.close();
    db.close();
    unlock();
  }
}

main().catch((e: unknown) => {
  // AppError: the new password broke a rule (a common one, one character repeated, the username).
  const known = e instanceof UsageError || e instanceof DataFolderInUse || e instanceof AppError;
  process.stderr.write(`${known ? (e as Error).message : e instanceof Error ? e.stack : String(e)}\n`);
  if (e instanceof UsageError) process.stderr.write('Usage: npm run reset-password -- <username> [--data-dir ./data] [--password <new password>]\n');
  process.exit(known ? 2 : 1);
});
