// Finds who is calling (session cookie or bearer token); each operation's "who" is checked where the
// operations are mounted (operations.ts).
import { parse as parseCookies } from 'cookie';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Actor } from '../auth/actor.js';
import type { AuthService } from '../auth/auth.service.js';
import { SESSION_COOKIE } from '../auth/auth.service.js';

declare module 'express-serve-static-core' {
  interface Request {
    actor: Actor;
    token: string | undefined;
  }
}

/** The bearer token, else the session cookie. */
export function tokenFrom(headers: { authorization?: string | undefined; cookie?: string | undefined }): string | undefined {
  const auth = headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || undefined;
  if (headers.cookie) return parseCookies(headers.cookie)[SESSION_COOKIE] || undefined;
  return undefined;
}

export function identify(auth: AuthService): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    // Called from the body parser's callback too (app.ts), where a throw would reach no router: passed on.
    try {
      req.token = tokenFrom(req.headers);
      req.actor = auth.resolve(req.token);
    } catch (error) {
      next(error);
      return;
    }
    next();
  };
}
