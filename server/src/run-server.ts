// Starts a centre server: config from the environment, the database in the data directory, a demo centre
// when the database is new, then listens. main.ts runs it; tests and scripts call it in-process.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyPendingRestore } from './backup/pending-restore.js';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { demoWarnings, reachableBeyondThisMachine } from './auth/demo-accounts.js';
import type { FoleniApp } from './app.js';
import { describeConfig, loadConfig } from './config.js';
import { lockDataFolder } from './data-lock.js';
import { openDb } from './db/db.js';
import { DEMO_STAFF_PASSWORD, seedAdmin, seedDemoCentre } from './demo/demo-centre.js';
import { seedDemoBookings } from './demo/demo-bookings.js';
import { HISTORY_CLERKS, seedDemoHistory } from './demo/demo-history.js';
import type { DemoTrafficOptions } from './demo/demo-traffic.js';
import { startDemoTraffic } from './demo/demo-traffic.js';
import { createLogger } from './logger.js';
import { loadSmsConfig } from './sms/sms-config.js';

export interface RunningServer {
  app: FoleniApp;
  url: string;
  close(): Promise<void>;
}

export async function runServer(env: NodeJS.ProcessEnv = process.env, opts: { demoTraffic?: DemoTrafficOptions } = {}): Promise<RunningServer> {
  const config = loadConfig(env);
  const smsConfig = loadSmsConfig(env);
  const log = createLogger(config.logLevel);
  const unlock = lockDataFolder(config.dataDir);
  // A restore chosen on the admin's Backup page is put in place now, before anything opens the database.
  const restored = (() => {
    try {
      return applyPendingRestore(config.dataDir);
    } catch (error) {
      unlock();
      throw error;
    }
  })();
  if (restored) log.warn('backup restored at start-up', { centre: restored.restored.centreCode, tickets: restored.restored.tickets, keptAs: restored.keptAs });
  const db = openDb({ file: join(config.dataDir, 'foleni.db') });
  const app = createApp({ config, db, log, sms: smsConfig });
  const isNew = app.ctx.repos.users.count() === 0;

  const notes: string[] = [];
  const screensFile = join(config.dataDir, 'demo-screens.txt');
  if (isNew) {
    // The first setup is one transaction (the write queue nests its batches inside it as savepoints): a
    // server killed half-way through seeding starts again from an empty database, instead of from a
    // half-made centre it cannot finish ("the code A is used") and so never starts again.
    db.exec('BEGIN IMMEDIATE');
    try {
      await setUp();
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }

  // Started after the first setup, so the app's pushes go on from the log the setup wrote.
  await app.start();
  if (config.demo) {
    const bookings = await seedDemoBookings(app.ctx);
    notes.push(
      bookings.toTry.length
        ? `Bookings to check in at the kiosk ("I have a booking"): ${bookings.toTry.join(', ')}`
        : 'Bookings: no slots left today to book in the demo (staff book callers on the Bookings page)',
    );
  }

  async function setUp(): Promise<void> {
    const password = config.adminPassword ?? randomBytes(9).toString('base64url');
    if (config.demo) {
      const demo = await seedDemoCentre(app.ctx.admin, {
        adminPassword: password,
        printerUrl: env.FOLENI_DEMO_PRINTER ?? 'tcp://127.0.0.1:9100',
        journeys: app.ctx.journeys,
      });
      writeFileSync(
        screensFile,
        [`Kiosk (open once on the kiosk to pair it): ${demo.kioskPairUrl}`, `Display (open once on the TV to pair it): ${demo.displayPairUrl}`].join('\n') + '\n',
        { mode: 0o600 },
      );
      notes.push(`Demo staff: manager / ${DEMO_STAFF_PASSWORD}, clerks wanjiru, otieno, achieng, kiprop, mwangi / ${DEMO_STAFF_PASSWORD}`);
      if (config.demoHistory) {
        const h = await seedDemoHistory(app.ctx);
        notes.push(`Demo history: ${h.tickets} tickets over the last ${h.days} opening days, made in ${h.ms} ms (more clerks: ${HISTORY_CLERKS.map(([u]) => u).join(', ')})`);
      }
    } else {
      await seedAdmin(app.ctx.admin, password);
    }
    notes.push(
      config.adminPassword
        ? 'Admin: admin / (the password in FOLENI_ADMIN_PASSWORD)'
        : `Admin: admin / ${password}   <- shown this once; write it down`,
    );
  }

  await new Promise<void>((resolve, reject) => {
    app.httpServer.once('error', (e) => {
      void app.close().finally(() => {
        db.close();
        unlock();
        reject(e);
      });
    });
    app.httpServer.listen(config.port, config.host, () => resolve());
  });
  const port = (app.httpServer.address() as AddressInfo).port;
  const local = `http://localhost:${port}`;
  const address = app.ctx.ticketAddress.view();
  const lan = address.url;
  const lines = [
    '',
    `Foleni is running: ${app.ctx.centre.get().name}`,
    `  Counter (clerks):   ${lan}/counter`,
    `  Dashboard:          ${lan}/manage`,
    `  Settings (admin):   ${lan}/admin`,
    `  Kiosk:              ${lan}/kiosk`,
    `  Display:            ${lan}/display`,
    `  API:                ${local}/api/v1/health  (OpenAPI: ${local}/api/v1/openapi.json)`,
    ...(config.hq ? [`  Head office:        ${config.hq.url} (the event log is sent there; Settings → Backup shows how far)`] : []),
    ...(existsSync(screensFile) ? readFileSync(screensFile, 'utf8').trim().split('\n').map((l) => `  ${l}`) : []),
    ...notes.map((n) => `  ${n}`),
    `  Data: ${config.dataDir}`,
    '',
  ];
  const traffic = config.demo && config.demoTraffic ? startDemoTraffic(app.ctx, opts.demoTraffic) : null;
  if (traffic) lines.splice(-2, 0, '  Demo traffic: simulated citizens take tickets at the kiosk now and then (FOLENI_DEMO_TRAFFIC=0 stops them)');
  process.stdout.write(lines.join('\n') + '\n');
  if (address.warning) {
    log.warn('the address printed on tickets will not work on phones', { url: address.url, source: address.source, warning: address.warning });
    // Loud on purpose: every ticket printed today would carry a QR code that no phone can open.
    const bar = '!'.repeat(100);
    process.stdout.write(
      [
        bar,
        `!! WARNING: tickets' QR codes point at ${address.url}, which phones cannot reach.`,
        `!! ${address.warning}`,
        address.source === 'network' ? '!! It is read again every 30 s: once the machine joins the centre\'s network, tickets follow by themselves.' : '!! Change it on Settings → Centre (or FOLENI_PUBLIC_URL).',
        bar,
        '',
      ].join('\n'),
    );
  }
  log.debug('config', describeConfig(config));
  // Only a server others can reach pays for the check (a scrypt per account, once).
  const reachable = reachableBeyondThisMachine(config);
  const warnings = reachable === null ? null : await demoWarnings(app.ctx.repos, config);
  if (warnings?.demoAccountsExposed) {
    // Loud on purpose: the demo's password is in the README, and this server answers the whole network.
    const bar = '!'.repeat(100);
    process.stdout.write(
      [
        bar,
        `!! WARNING: demo accounts (${warnings.demoAccounts.join(', ')}) still have the demo password "${DEMO_STAFF_PASSWORD}",`,
        `!! printed in the README, and this server can be reached beyond this machine (${reachable}). Anyone on the network can sign in.`,
        '!! For a real centre: stop, delete the data folder and start with FOLENI_DEMO=0; or change those passwords in',
        '!! Settings → Staff; or listen on this machine only (FOLENI_HOST=127.0.0.1, with no proxy in front).',
        bar,
        '',
      ].join('\n'),
    );
    log.warn('demo accounts reachable from the network', { users: warnings.demoAccounts, host: config.host });
  }

  return {
    app,
    url: local,
    async close() {
      await traffic?.stop();
      await app.close();
      db.close();
      unlock();
    },
  };
}
