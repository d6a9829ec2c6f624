// Turns anything thrown into the one error shape; unexpected errors are logged with their context.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: 'not-found', message: `No route ${req.method} ${req.path}.` } });
};

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (err instanceof AppError) {
      // A refusal that says how long to wait (the sign-in throttle) says it to HTTP clients too.
      const wait = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      if (err.status === 429 && typeof wait === 'number') res.set('Retry-After', String(wait));
      res.status(err.status).json({ error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } });
      return;
    }
    // body-parser errors: malformed JSON, too large, wrong charset.
    const e = err as { type?: string; status?: number; message?: string };
    if (e && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      const code = e.type === 'entity.too.large' ? 'body-too-large' : e.type === 'entity.parse.failed' ? 'invalid-json' : 'bad-request';
      res.status(e.status).json({ error: { code, message: e.message ?? 'Bad request.' } });
      return;
    }
    log.error('request failed', { method: req.method, path: req.path, error: err instanceof Error ? err.stack : String(err) });
    res.status(500).json({ error: { code: 'internal', message: 'Something went wrong on the server. It has been logged.' } });
  };
}
