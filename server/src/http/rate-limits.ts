// Limits a busy kiosk never reaches, but a flood does. Sign-in is not limited here: the throttle that counts
// failed passwords needs the normalised name and the outcome, so it lives in auth/login-throttle.ts.
// FOLENI_RATE_LIMITS=off turns both off, for benchmarks and load tests only.
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { RateLimits } from '../app-context.js';

const pass: RequestHandler = (_req, _res, next) => next();

function limiter(
  name: string,
  windowMs: number,
  limit: number,
  key: (req: Request) => string,
  message: string,
  skip: (req: Request) => boolean = () => false,
): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    skip,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => `${name}:${key(req)}`,
    handler: (_req, res) => {
      res.status(429).json({ error: { code: 'rate-limited', message } });
    },
  });
}

const ip = (req: Request): string => ipKeyGenerator(req.ip ?? 'unknown');

function both(a: RequestHandler, b: RequestHandler): RequestHandler {
  return (req, res, next) => a(req, res, (err?: unknown) => (err ? next(err) : b(req, res, next)));
}

/**
 * `isReplay` tells a retried issue request (an Idempotency-Key that already made a ticket) from a new one:
 * a kiosk asking again what became of its ticket does not use up its allowance.
 */
export function createRateLimits(enabled: boolean, isReplay: (req: Request) => boolean = () => false): RateLimits {
  if (!enabled) return { issue: pass, pair: pass };
  // A person takes several seconds per ticket: 30 a minute from one kiosk is already a flood.
  const issueByDevice = limiter(
    'issue-device',
    60_000,
    30,
    (req) => (req.actor.kind === 'device' ? req.actor.device.id : ip(req)),
    'Too many tickets from this kiosk in a minute. Please wait a moment.',
    isReplay,
  );
  const issueByAddress = limiter('issue-ip', 60_000, 120, ip, 'Too many tickets from this address in a minute. Please wait a moment.', isReplay);
  // A screen pairs once; a flood of codes from one address is someone guessing. 40 bits of code valid for
  // 15 minutes are already out of a guesser's reach: this keeps the log and the write queue quiet too.
  const pair = limiter('pair-ip', 60_000, 10, ip, 'Too many pairing attempts from this address. Wait a minute and try again.');
  return { issue: both(issueByDevice, issueByAddress), pair };
}
