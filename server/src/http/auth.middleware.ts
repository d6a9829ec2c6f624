// Finds who is calling (session cookie or bearer token) and gates routes by role.
import { parse as parseCookies } from 'cookie';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Role } from '@foleni/shared';
import type { Actor, DeviceActor, StaffActor } from '../auth/actor.js';
import { hasRole } from '../auth/actor.js';
import type { AuthService } from '../auth/auth.service.js';
import { SESSION_COOKIE } from '../auth/auth.service.js';
import { forbidden, unauthorized } from '../errors.js';

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
    req.token = tokenFrom(req.headers);
    req.actor = auth.resolve(req.token);
    next();
  };
}

export function staff(req: Request, role: Role = 'clerk'): StaffActor {
  const actor = req.actor;
  if (actor.kind === 'device') throw forbidden('A kiosk or display may not do this: sign in as staff.');
  if (actor.kind !== 'user') throw unauthorized();
  if (!hasRole(actor, role)) throw forbidden(`Only a ${role}${role === 'admin' ? '' : ' or above'} may do this.`);
  return actor;
}

export function requireRole(role: Role): RequestHandler {
  return (req, _res, next) => {
    staff(req, role);
    next();
  };
}

export function device(req: Request, kind?: 'kiosk' | 'display'): DeviceActor | undefined {
  const actor = req.actor;
  if (actor.kind !== 'device') return undefined;
  if (kind && actor.device.kind !== kind) throw forbidden(`Only a ${kind} may do this.`);
  return actor;
}
