// The head-office composition root: createHqApp({ config, sql, clock }) builds the Express app (API at
// /hq/api/v1, screens at /hq) and starts nothing; main.ts listens.
import express from 'express';
import type { Express, Request, RequestHandler, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import { INGEST_MAX_BYTES, IngestBody, SeqGapAnswer } from '@foleni/shared';
import type { Clock } from '@foleni/server/clock.js';
import { LoginThrottle, LOGIN_LIMITS } from '@foleni/server/auth/login-throttle.js';
import { AppError, forbidden, unauthorized } from '@foleni/server/errors.js';
import type { Logger } from '@foleni/server/logger.js';
import { errorHandler, notFoundHandler } from '@foleni/server/http/errors.middleware.js';
import { crossOrigin } from '@foleni/server/http/same-origin.js';
import { apiHeaders, pageHeaders } from '@foleni/server/http/security-headers.js';
import { parse } from '@foleni/server/http/validate.js';
import type { HqConfig } from './config.js';
import type { Sql } from './db/sql.js';
import { CentreBody, CentresService } from './centres.service.js';
import type { HqActor } from './hq-auth.service.js';
import { HQ_SESSION_COOKIE, HqAuthService, SESSION_DAYS } from './hq-auth.service.js';
import { readDayBundle } from './ingest/day-bundle.js';
import { EventStore, SeqGap } from './ingest/event-store.js';
import { eventProblem } from './ingest/ticket-fold.js';
import { HQ_OPERATIONS, LoginBody, UserBody, hqOpenApiDocument } from './openapi.js';
import type { Who } from './openapi.js';
import { OutreachQuery, ReportQuery, ReportService, reportCsv } from './report.service.js';

export const HQ_UI_DIR = fileURLToPath(new URL('../../hq-ui/dist/', import.meta.url));
/** The largest day bundle: a big centre's busiest day is a few MB. */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

declare module 'express-serve-static-core' {
  interface Request {
    hqActor: HqActor;
    hqToken: string | undefined;
  }
}

export interface HqAppOptions {
  config: HqConfig;
  sql: Sql;
  clock: Clock;
  log: Logger;
  uiDir?: string;
}

export interface HqApp {
  app: Express;
  auth: HqAuthService;
  centres: CentresService;
  store: EventStore;
  reports: ReportService;
}

function tokenOf(req: Request): { token: string | undefined; fromCookie: boolean } {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return { token: auth.slice(7).trim() || undefined, fromCookie: false };
  const cookie = req.headers.cookie ? parseCookies(req.headers.cookie)[HQ_SESSION_COOKIE] : undefined;
  return { token: cookie || undefined, fromCookie: cookie !== undefined };
}

const allowed = (actor: HqActor, who: Who[] | 'anyone'): boolean =>
  who === 'anyone' || (actor.kind === 'user' && who.includes(actor.user.role)) || (actor.kind === 'centre' && who.includes('centre'));

export function createHqApp(opts: HqAppOptions): HqApp {
  const { config, sql, clock, log } = opts;
  const throttle = new LoginThrottle(clock, LOGIN_LIMITS, config.rateLimits);
  const auth = new HqAuthService(sql, clock, throttle, log);
  const centres = new CentresService(sql, clock);
  const store = new EventStore(sql, () => clock.now());
  const reports = new ReportService(sql);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);

  const api = express.Router();
  api.use(apiHeaders);
  api.use(async (req, _res, next) => {
    const { token, fromCookie } = tokenOf(req);
    // A signed-in browser's request must come from head office's own pages (server/src/http/same-origin.ts).
    if (fromCookie) {
      const why = crossOrigin(req.headers, { secure: req.secure, publicUrl: config.publicUrl ?? '' });
      if (why) throw new AppError(403, 'cross-origin', `Signed-in requests are taken only from head office's own pages (${why}).`);
    }
    req.hqToken = token;
    req.hqActor = await auth.resolve(token);
    next();
  });

  type Handler = (req: Request, res: Response) => Promise<unknown>;
  const mount = (name: keyof typeof HQ_OPERATIONS, ...handlers: [...RequestHandler[], Handler]) => {
    const op = HQ_OPERATIONS[name]!;
    const handle = handlers.pop() as Handler;
    const guard: RequestHandler = (req, _res, next) => {
      if (!allowed(req.hqActor, op.who)) throw req.hqActor.kind === 'anonymous' ? unauthorized() : forbidden();
      next();
    };
    api[op.method](op.path, guard, ...(handlers as RequestHandler[]), async (req: Request, res: Response) => {
      const answer = await handle(req, res);
      if (!res.headersSent) res.status(op.status ?? 200).json(answer ?? {});
    });
  };
  const json = (limit: string | number) => express.json({ limit, type: 'application/json' });

  mount('login', json('16kb'), async (req, res) => {
    const body = parse(LoginBody, req.body);
    const out = await auth.login(body.username, body.password, req.ip ?? '');
    res.setHeader(
      'Set-Cookie',
      serializeCookie(HQ_SESSION_COOKIE, out.token, { httpOnly: true, sameSite: 'strict', path: '/hq', secure: req.secure, maxAge: SESSION_DAYS * 86_400 }),
    );
    return { user: out.user, token: out.token };
  });
  mount('logout', async (req, res) => {
    if (req.hqToken) await auth.logout(req.hqToken);
    res.setHeader('Set-Cookie', serializeCookie(HQ_SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', path: '/hq', maxAge: 0 }));
    return {};
  });
  mount('me', async (req) => ({ user: req.hqActor.kind === 'user' ? req.hqActor.user : null }));
  mount('listUsers', async () => ({ items: await auth.listUsers() }));
  mount('createUser', json('16kb'), async (req) => {
    const body = parse(UserBody, req.body);
    return { user: await auth.createUser(body.username, body.password, body.role) };
  });
  mount('listCentres', async () => ({ items: await centres.list() }));
  mount('registerCentre', json('16kb'), async (req) => centres.register(parse(CentreBody, req.body)));

  mount('ingest', json(INGEST_MAX_BYTES), async (req, res) => {
    if (req.hqActor.kind !== 'centre') throw forbidden();
    const body = parse(IngestBody, req.body);
    const broken = body.events.findIndex((e, i) => e.seq !== body.fromSeq + i);
    if (broken >= 0) {
      throw new AppError(400, 'seq-not-contiguous', `Events must run in seq order from fromSeq ${body.fromSeq} without a hole: event ${broken} has seq ${body.events[broken]!.seq}, not ${body.fromSeq + broken}.`);
    }
    const problem = body.events.map(eventProblem).find((p) => p !== null);
    if (problem) throw new AppError(400, 'invalid-event', `An event cannot be stored: ${problem}.`);
    try {
      const out = await store.store(req.hqActor.centreId, { events: body.events, source: 'feed' }, body.fromSeq);
      return { ackSeq: out.ackSeq };
    } catch (e) {
      if (!(e instanceof SeqGap)) throw e;
      res.status(409).json({ error: { code: 'seq-gap', message: e.message }, needSeq: e.needSeq } satisfies SeqGapAnswer);
      return undefined;
    }
  });

  mount('importBundle', express.raw({ type: () => true, limit: IMPORT_MAX_BYTES }), async (req) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/x-ndjson') {
      throw new AppError(415, 'unsupported-media-type', `A day bundle is sent as application/x-ndjson${type ? `, not ${type}` : ''}.`);
    }
    const file: unknown = req.body;
    if (!Buffer.isBuffer(file) || file.length === 0) throw new AppError(400, 'bundle-damaged', 'The file is empty.');
    const bundle = readDayBundle(file);
    const code = bundle.manifest.centre.code.toUpperCase();
    const actor = req.hqActor;
    let target: { id: string } | null;
    if (actor.kind === 'centre') {
      target = await centres.mayCarry(actor.centreId, code);
      if (!target) {
        const known = await centres.byCode(code);
        if (known) throw forbidden(`This key may import only its own centre's bundles and its outreach teams': the bundle is ${code}'s.`);
      }
    } else target = await centres.byCode(code);
    if (!target) throw new AppError(400, 'unknown-centre', `No centre has the code ${code}: register it first, then import its bundle.`);
    const [seen] = await opts.sql.query('SELECT 1 FROM received WHERE centre_id = $1 AND sha256 = $2', [target.id, bundle.manifest.sha256]);
    if (seen) return { centre: code, day: bundle.manifest.day, added: 0, alreadyImported: true, ackSeq: (await centres.byCode(code))!.lastSeq };
    const out = await store.store(target.id, { events: bundle.events, source: 'bundle', day: bundle.manifest.day, sha256: bundle.manifest.sha256 }, null);
    log.info('day bundle imported', { centre: code, day: bundle.manifest.day, events: bundle.events.length, added: out.added });
    return { centre: code, day: bundle.manifest.day, added: out.added, alreadyImported: false, ackSeq: out.ackSeq };
  });

  mount('report', async (req, res) => {
    const q = parse(ReportQuery, req.query, 'query');
    const report = await reports.report(q);
    if (q.format === 'csv') {
      res.type('text/csv').setHeader('Content-Disposition', `attachment; filename="foleni-hq-${q.groupBy}-${q.from}-${q.to}.csv"`);
      res.send(reportCsv(report));
      return undefined;
    }
    return report;
  });

  mount('outreachDays', async (req) => reports.outreachDays(parse(OutreachQuery, req.query, 'query')));

  api.get('/openapi.json', (_req, res) => {
    res.json(hqOpenApiDocument());
  });
  api.use(notFoundHandler);
  app.use('/hq/api/v1', api);

  mountHqUi(app, opts.uiDir ?? HQ_UI_DIR);
  app.get('/', (_req, res) => res.redirect('/hq/'));
  app.use(errorHandler(log));
  return { app, auth, centres, store, reports };
}


/** The built hq-ui: hashed assets kept for good, the page revalidated so an update shows on reload. */
function mountHqUi(app: Express, dir: string): void {
  const page = pageHeaders();
  app.use('/hq/assets', page, express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  app.use('/hq', page, express.static(dir, { index: false, maxAge: '1h' }));
  app.get(['/hq', '/hq/', '/hq/*rest'], page, (_req, res) => {
    const index = join(dir, 'index.html');
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The head-office screens are not built yet. Run `npm run build -w @foleni/hq-ui`.');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
