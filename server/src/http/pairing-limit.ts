// A screen pairs once; a flood of codes from one address is someone guessing. 40 bits of code valid for
// 15 minutes are already out of a guesser's reach; this keeps the log and the write queue quiet too.
// FOLENI_RATE_LIMITS=off turns it off with the other limits (http/rate-limits.ts).
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';

export function pairingLimit(enabled: boolean): RequestHandler {
  if (!enabled) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: 60_000,
    limit: 10,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => `pair-ip:${ipKeyGenerator(req.ip ?? 'unknown')}`,
    handler: (_req, res) => {
      res.status(429).json({ error: { code: 'rate-limited', message: 'Too many pairing attempts from this address. Wait a minute and try again.' } });
    },
  });
}
