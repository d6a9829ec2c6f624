// Accounts still on the demo's password, which the README prints: harmless on a laptop listening only to
// itself, an open door on a centre's network. Checked by trying the password against each active account's
// hash (a hash's answer never changes, so each is tried once), which also catches an admin who set it again.
import { isLoopbackHost } from '../config.js';
import type { Config } from '../config.js';
import { DEMO_STAFF_PASSWORD } from '../demo/demo-centre.js';
import type { Repositories } from '../repositories/index.js';
import { verifyPassword } from './passwords.js';

/** Password hash → whether it is the demo password's. Bounded: a hash is ~100 bytes and a centre has few staff. */
const verdicts = new Map<string, boolean>();

/** Usernames of active accounts whose password is the demo's. */
export async function demoAccounts(repos: Repositories): Promise<string[]> {
  const found: string[] = [];
  for (const user of repos.users.list()) {
    if (!user.active) continue;
    let demo = verdicts.get(user.passwordHash);
    if (demo === undefined) {
      demo = await verifyPassword(DEMO_STAFF_PASSWORD, user.passwordHash);
      if (verdicts.size >= 10_000) verdicts.clear();
      verdicts.set(user.passwordHash, demo);
    }
    if (demo) found.push(user.username);
  }
  return found;
}

/**
 * Why others than this machine can reach the server, or null: it listens beyond loopback, or a proxy in
 * front forwards the network to it (FOLENI_TRUST_PROXY, as the README's TLS set-up does on 127.0.0.1).
 */
export function reachableBeyondThisMachine(config: Pick<Config, 'host' | 'trustProxy'>): string | null {
  if (!isLoopbackHost(config.host)) return `it listens on ${config.host}`;
  if (config.trustProxy !== false) return 'a proxy in front of it (FOLENI_TRUST_PROXY) forwards the network to it';
  return null;
}

/** What GET /admin/warnings answers: demo accounts, and whether others than this machine can reach them. */
export async function demoWarnings(repos: Repositories, config: Pick<Config, 'host' | 'trustProxy'>): Promise<{ demoAccountsExposed: boolean; demoAccounts: string[] }> {
  const accounts = await demoAccounts(repos);
  return { demoAccountsExposed: accounts.length > 0 && reachableBeyondThisMachine(config) !== null, demoAccounts: accounts };
}
