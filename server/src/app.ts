// The composition root: builds the whole centre server from its parts and starts nothing on import.
// It never listens: run-server.ts does (run by main.ts and `npm start`), and tests through testing/harness.ts.
import compression from 'compression';
import express from 'express';
import { OPERATIONS } from '@foleni/shared';
import type { Express } from 'express';
import { createServer } from 'node:http';
import type { Server as HttpServer } from 'node:http';
import { AdminService } from './admin/admin.service.js';
import { AppointmentService } from './appointments/appointment.service.js';
import { JourneyAdmin } from './admin/journey-admin.service.js';
import type { AppContext } from './app-context.js';
import { AuthService } from './auth/auth.service.js';
import { LoginThrottle } from './auth/login-throttle.js';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/db.js';
import { WriteQueue } from './db/write-queue.js';
import { DeviceService } from './devices/device.service.js';
import { identify } from './http/auth.middleware.js';
import { errorHandler, notFoundHandler } from './http/errors.middleware.js';
import { openApiDocument } from './http/openapi.js';
import { mountOperations } from './http/operations.js';
import { HttpShutdown } from './http/http-shutdown.js';
import { apiHeaders, pageHeaders } from './http/security-headers.js';
import { createRateLimits } from './http/rate-limits.js';
import { jsonBodiesOnly, sameOriginCookies } from './http/same-origin.js';
import type { UiDirs } from './http/static-ui.js';
import { defaultUiDirs, mountUi } from './http/static-ui.js';
import type { Logger } from './logger.js';
import { createLogger } from './logger.js';
import { HqFeed } from './hq-feed/hq-feed.js';
import type { HqFeedOptions } from './hq-feed/hq-feed.js';
import { HqFeedRepository } from './hq-feed/hq-feed.repository.js';
import { KioskHelpRepository } from './kiosk-help/kiosk-help.repository.js';
import { KioskHelpService } from './kiosk-help/kiosk-help.service.js';
import { PrintService } from './printing/print.service.js';
import type { PrintServiceOptions } from './printing/print.service.js';
import { TicketPrinting } from './printing/ticket-printing.js';
import { CentreService } from './queue/centre.service.js';
import { LiveState } from './queue/live-state.js';
import { NoShowPolicy } from './queue/no-show-rules.js';
import { QueueService } from './queue/queue.service.js';
import { QueueViews } from './queue/queue.views.js';
import { Gateway } from './realtime/gateway.js';
import { createRepositories } from './repositories/index.js';
import { Statements } from './repositories/statements.js';
import { ADMIN_BODY_PARSERS, adminHandlers } from './routes/admin.routes.js';
import { appointmentHandlers } from './routes/appointment.routes.js';
import { AUTH_BODY_PARSERS, authHandlers } from './routes/auth.routes.js';
import { DeskPush, deskHandlers } from './routes/desk.routes.js';
import { deviceHandlers } from './routes/device.routes.js';
import { hqFeedHandlers } from './routes/hq-feed.routes.js';
import { JOURNEY_BODY_PARSERS, journeyHandlers } from './routes/journey.routes.js';
import { kioskHelpHandlers } from './routes/kiosk-help.routes.js';
import { backupHandlers } from './routes/backup.routes.js';
import { counterHandlers } from './routes/counter.routes.js';
import { meHandlers } from './routes/me.routes.js';
import { staffLangHandlers } from './routes/staff-lang.routes.js';
import { publicHandlers } from './routes/public.routes.js';
import { statsHandlers } from './routes/stats.routes.js';
import { ticketHandlers } from './routes/ticket.routes.js';
import { StatsService } from './stats/stats.service.js';
import { TicketAddress } from './network/ticket-address.js';
import { SetupService } from './admin/setup.service.js';
import { BackupSchedule, DEFAULT_BACKUP_SETTINGS, type BackupScheduleOptions } from './backup/backup-schedule.js';
import { fieldHandlers } from './routes/field.routes.js';
import { createGateway } from './sms/gateways/create-gateway.js';
import type { SmsConfig } from './sms/sms-config.js';
import { DEFAULT_SMS } from './sms/sms-config.js';
import { SmsService } from './sms/sms.service.js';
import { smsHandlers } from './routes/sms.routes.js';

export interface AppOptions {
  config: Config;
  db: Db;
  clock?: Clock;
  log?: Logger;
  /** Printing settings (time-outs, retries) for tests; the print service itself is always real. */
  printing?: Partial<Pick<PrintServiceOptions, 'retry' | 'statusPollMs' | 'timeouts' | 'maxJobAgeMs'>>;
  uiDirs?: UiDirs;
  /** How often open tickets of past days are expired; 0 turns the timer off (tests call closeDay). */
  dayCloseIntervalMs?: number;
  /** Check every JSON answer against the operation table's schema (tests: a 500 says where they differ). */
  checkAnswers?: boolean;
  /** How often staff sockets' sessions are checked again, so an expired one is dropped (default 15 s). */
  sessionCheckMs?: number;
  /** How long close() lets requests in flight, then print jobs of committed tickets, finish (default 2 s each). */
  closeGraceMs?: number;
  /** The head-office feed's timings (tests make them short). */
  hqFeed?: Partial<HqFeedOptions>;
  /** Backups by themselves, over config.backup (tests: a folder and `checkEveryMs: 0`). */
  backups?: Partial<Omit<BackupScheduleOptions, 'db' | 'clock' | 'centre' | 'log'>>;
  /** The SMS gateway and its retry timing (run-server.ts reads them from FOLENI_SMS_*); default the log gateway. */
  sms?: SmsConfig;
}

export interface FoleniApp {
  httpServer: HttpServer;
  /** The Express app behind httpServer (Socket.IO wraps its request listener). */
  express: Express;
  gateway: Gateway;
  ctx: AppContext;
  /** Expires yesterday's open tickets, recovers interrupted prints, starts timers. */
  start(): Promise<void>;
  /**
   * Stops in seconds, however many screens are connected: new requests are refused (503 `shutting-down`),
   * sockets are closed so that their clients reconnect to the next server, requests in flight are answered
   * (their writes committed, a kiosk ticket's print job with it), every connection is closed, then pending
   * writes are committed and printing stops. The caller closes the database.
   */
  close(): Promise<void>;
}

export function createApp(opts: AppOptions): FoleniApp {
  const { config, db } = opts;
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? createLogger(config.logLevel);
  const repos = createRepositories(db);
  const writes = new WriteQueue(db, (e) => log.error('after-commit work failed', { error: e instanceof Error ? e.stack : String(e) }));
  const centre = new CentreService(repos, clock);
  const ticketAddress = new TicketAddress({
    fixedUrl: () => (config.followNetwork ? null : config.publicUrl),
    port: () => config.port,
    centre: () => centre.get(),
    now: () => Date.now(),
    onChange: (from, to, warning) => log.warn('the address printed on tickets changed with the network', { from, to, warning }),
  });
  const views = new QueueViews(repos, centre, () => ticketAddress.url());
  const devices = new DeviceService(repos, clock, writes);
  const printService = new PrintService({
    db,
    clock,
    dataDir: config.dataDir,
    ...opts.printing,
    log: {
      info: (msg, fields) => log.info(msg, fields),
      warn: (msg, fields) => log.info(msg, { ...fields, warning: true }),
      error: (msg, fields) => log.error(msg, fields),
    },
    onPrinterStatus: ({ deviceId, status, problem }) => devices.setPrinterStatus(deviceId, status, problem),
  });
  const printing = new TicketPrinting(repos, centre, views, printService);
  const queue = new QueueService(repos, writes, clock, centre, printing);
  queue.mirror(views);
  queue.noShowRules = new NoShowPolicy(repos.desk, repos, centre);
  // After the views: the SMS outbox counts who is ahead in lines the views have already updated.
  const sms = new SmsService({ db, repos, writes, clock, centre, views, log, config: opts.sms ?? DEFAULT_SMS, gateway: createGateway(opts.sms ?? DEFAULT_SMS, config.dataDir) });
  queue.mirror(sms);
  const auth = new AuthService(repos, clock, { throttle: new LoginThrottle(clock, undefined, config.rateLimits), log, writes });
  const admin = new AdminService(repos, writes, clock, centre, () => ticketAddress.url(), queue);

  const ctx: AppContext = {
    config,
    db,
    clock,
    log,
    repos,
    writes,
    centre,
    queue,
    views,
    auth,
    devices,
    printing,
    admin,
    journeys: new JourneyAdmin(repos, writes, clock),
    ticketAddress,
    setup: new SetupService(db, repos, writes, clock, centre, admin),
    backups: new BackupSchedule({
      ...DEFAULT_BACKUP_SETTINGS,
      ...config.backup,
      ...opts.backups,
      db,
      clock,
      centre: () => centre.get(),
      log: { info: (msg, fields) => log.info(msg, fields), warn: (msg, fields) => log.warn(msg, fields) },
    }),
    stats: new StatsService(repos, centre, views, devices, clock),
    sms,
    limits: createRateLimits(config.rateLimits, (req) => {
      const key = req.get('idempotency-key');
      return key !== undefined && repos.tickets.byIdempotencyKey(key) !== undefined;
    }),
    appointments: new AppointmentService(db, repos, writes, clock, centre, queue, printing, sms),
  };

  const hqFeed = new HqFeed({
    link: config.hq,
    repo: new HqFeedRepository(new Statements(db)),
    names: () => repos.stats.names(),
    writes,
    clock,
    log,
    ...(opts.hqFeed ? { options: opts.hqFeed } : {}),
  });

  const help = new KioskHelpService(new KioskHelpRepository(new Statements(db)), writes, clock);

  const app = express();
  app.disable('x-powered-by');
  // Behind a TLS proxy (FOLENI_TRUST_PROXY): req.ip is the client's, not the proxy's (the sign-in throttle
  // counts by it), and req.secure follows X-Forwarded-Proto (the session cookie is then Secure).
  app.set('trust proxy', config.trustProxy);
  // No ETags on JSON answers: screens follow changes over sockets, not by asking again (files keep theirs).
  app.set('etag', false);
  const pages = pageHeaders();
  app.use((req, res, next) => (req.url.startsWith('/api/') ? next() : pages(req, res, next)));
  // Phones on a weak signal load the tracker page: compress what is sent (sockets negotiate their own).
  // Only what is read: the answers to writes are small, go to kiosks and counters on the LAN, and wrapping
  // every response cost issuing a ticket ~10% of its CPU even when nothing was compressed.
  const compress = compression();
  app.use((req, res, next) => (req.method === 'GET' || req.method === 'HEAD' ? compress(req, res, next) : next()));

  // Only the API needs to know who is asking; the screens' files are the same for everyone.
  const api = express.Router();
  // Before anything reads the body: another origin's page may not act with the session cookie, and a body
  // that is not JSON (a form's) is refused (http/same-origin.ts).
  api.use(sameOriginCookies(() => config.publicUrl));
  api.use(jsonBodiesOnly);
  // The bookings import carries a CSV file inside its JSON (refused past IMPORT_MAX_BYTES by its handler).
  api.use(OPERATIONS.importAppointments.path, express.json({ limit: '2mb', strict: true }));
  api.use(express.json({ limit: '32kb', strict: true }));
  api.use(identify(auth));
  const openapi = openApiDocument();
  const deskPush = new DeskPush();
  mountOperations(api, {
    handlers: {
      ...ticketHandlers(ctx),
      ...counterHandlers(ctx),
      ...publicHandlers(ctx),
      ...authHandlers(ctx),
      ...statsHandlers(ctx),
      ...meHandlers(ctx),
      ...staffLangHandlers(ctx),
      ...backupHandlers(ctx),
      ...fieldHandlers(ctx),
      ...adminHandlers(ctx),
      ...deviceHandlers(ctx),
      ...hqFeedHandlers(ctx, hqFeed),
      ...appointmentHandlers(ctx),
      ...journeyHandlers(ctx),
      ...deskHandlers(ctx, deskPush),
      ...smsHandlers(ctx),
      ...kioskHelpHandlers(help),
      openapi: ({ res }) => {
        res.json(openapi);
      },
    },
    before: { issueTicket: [ctx.limits.issue], pairDevice: [ctx.limits.pair], smsDelivery: [express.urlencoded({ extended: false, limit: '8kb' })] },
    bodyParsers: { ...ADMIN_BODY_PARSERS, ...AUTH_BODY_PARSERS, ...JOURNEY_BODY_PARSERS },
    // The busiest first: each route a request passes on the way costs it a little.
    first: ['issueTicket', 'callNext', 'startTicket', 'completeTicket', 'getTicket', 'listServices'],
    checkAnswers: opts.checkAnswers ?? false,
  });
  api.use(notFoundHandler);
  // Every answer under /api (a 404 for an unknown version too) gets the JSON API's headers.
  app.use('/api', apiHeaders);
  app.use('/api/v1', api);
  mountUi(app, opts.uiDirs ?? defaultUiDirs());
  app.use(notFoundHandler);
  app.use(errorHandler(log));

  const httpServer = createServer(app);
  const gateway = new Gateway(httpServer, {
    clock,
    sessions: auth,
    devices,
    state: new LiveState(repos, centre, views),
    publicUrl: () => config.publicUrl,
    ...(opts.sessionCheckMs !== undefined ? { sessionCheckMs: opts.sessionCheckMs } : {}),
  });
  // After the gateway: Socket.IO's requests must pass the shutdown's gate too.
  const http = new HttpShutdown(httpServer);
  queue.subscribe(gateway);
  deskPush.on((e) => gateway.onMyWay(e));
  ctx.appointments.onChange((change, a) => gateway.appointmentChanged(change, ctx.appointments.view(a)));
  printService.onJob((update) => gateway.printChanged(update));
  help.onChange((request) => gateway.helpChanged(request));
  devices.onChange((d) => gateway.deviceChanged(d));
  auth.onSignOut((userId) => gateway.disconnectUser(userId));
  ctx.journeys.onChange(() => gateway.centreChanged());
  admin.subscribe({
    deviceChanged(d, change) {
      printService.registerPrinter(d.id, d.status === 'active' ? d.printer : null);
      devices.changed(d.id);
      // After a pairing, the sockets open are those of the token the device had before (the new screen
      // connects once it has its answer).
      if (change === 'rotate-token' || change === 'revoke' || change === 'pair') gateway.disconnectDevice(d.id);
    },
    userChanged(user) {
      // Role, password or active flag may have changed: the user's sockets ask again with what they hold.
      gateway.disconnectUser(user.id);
      if (!user.active) {
        queue.releaseClerk(user.id).catch((e: unknown) => log.error('could not close a deactivated clerk’s counter', { user: user.id, error: String(e) }));
      }
    },
    configChanged(kind) {
      if (kind === 'centre') gateway.centreSettingsChanged();
      gateway.centreChanged();
    },
  });

  let dayTimer: NodeJS.Timeout | undefined;
  let closed = false;
  return {
    httpServer,
    express: app,
    gateway,
    ctx,
    async start() {
      gateway.resumeFromLog();
      for (const d of repos.devices.list()) if (d.status === 'active' && d.printer) printService.registerPrinter(d.id, d.printer);
      printService.recoverInterrupted();
      ctx.backups.start();
      repos.sessions.deleteExpired(clock.now());
      const expired = await queue.closeDay();
      if (expired) log.info('expired tickets of earlier days', { count: expired });
      await sms.sender.start();
      // Days without report summaries (after an upgrade or an import) are summarised in the background, a
      // day per turn of the event loop; from then on each day is summarised as it closes.
      const unsummarised = ctx.stats.summaries.catchUp();
      if (unsummarised) log.info('summarising past days for reports', { days: unsummarised });
      ctx.stats.summaries.afterClose();
      const every = opts.dayCloseIntervalMs ?? 60_000;
      if (every > 0) {
        dayTimer = setInterval(() => {
          queue
            .closeDay()
            .then(() => ctx.stats.summaries.afterClose())
            .catch((e: unknown) => log.error('day close failed', { error: String(e) }));
          writes.run(() => repos.sessions.deleteExpired(clock.now())).catch(() => undefined);
          ctx.appointments.sweep().catch((e: unknown) => log.error('booking sweep failed', { error: String(e) }));
        }, every);
        dayTimer.unref();
      }
      hqFeed.start();
    },
    async close() {
      if (closed) return;
      closed = true;
      if (dayTimer) clearInterval(dayTimer);
      ctx.stats.summaries.stop();
      await hqFeed.stop();
      const grace = opts.closeGraceMs ?? 2000;
      // The order keeps every promise made: printing stays open while the last requests are answered, so a
      // ticket issued now gets its print job started; a request arriving now is refused before it is handled.
      const httpClosed = http.close(grace);
      gateway.close();
      await httpClosed;
      await ctx.backups.stop();
      // A message being handed to the gateway is let finish; one still `sending` after the grace is settled
      // as sent-uncertain at the next start (sms-sender.ts).
      await Promise.race([sms.sender.stop(), new Promise((resolve) => setTimeout(resolve, grace).unref())]);
      writes.close();
      await Promise.race([printService.whenIdle(), new Promise((resolve) => setTimeout(resolve, grace).unref())]);
      // A job still unprinted stays open in the database: the next start fails it and staff are told to reprint.
      await printService.close();
    },
  };
}
