// A page of another origin must not act with a signed-in clerk's cookie. SameSite=Strict does not stop it:
// a page on another port of the same host is the same *site*, so the browser sends the cookie. Every API
// request that the session cookie authenticates (no bearer token) — reads too: an <img> on such a page can
// ask for a year's report or a backup with the manager's cookie — and every socket handshake that the cookie
// authenticates must therefore come from one of the server's own origins: the Host it was reached at, or
// FOLENI_PUBLIC_URL. Bearer tokens (kiosks, displays, API clients) are never sent by a browser on its own,
// so their callers are not checked. Bodies must be JSON: a form can send only text/plain, urlencoded or
// multipart without asking the server first (a CORS preflight, which this server never grants).
import { parse as parseCookies } from 'cookie';
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';
import { SESSION_COOKIE } from '../auth/auth.service.js';
import { AppError } from '../errors.js';
import { OPERATIONS } from '@foleni/shared';

/** The session cookie is what authenticates: it is sent and no bearer token is. */
export function cookieBorne(headers: IncomingHttpHeaders): boolean {
  if (headers.authorization?.startsWith('Bearer ')) return false;
  return headers.cookie !== undefined && parseCookies(headers.cookie)[SESSION_COOKIE] !== undefined;
}

const originOf = (url: string): string | null => {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
};

/**
 * Why a request from a browser did not come from one of the server's own pages, or null when it did.
 * `Sec-Fetch-Site` (when sent) must be same-origin (or none: typed by the user); `Origin` (when sent) must
 * be the origin the request reached, in its scheme, or the public URL's. A request with neither header is
 * not from a browser's page (every current browser sends Origin with a write and with a WebSocket
 * handshake), so it is let through: curl with a copied cookie could send its own headers anyway.
 */
export function crossOrigin(headers: IncomingHttpHeaders, reached: { secure: boolean; publicUrl: string }): string | null {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `Sec-Fetch-Site: ${site}`;
  const origin = headers.origin;
  if (origin === undefined) return null;
  const own = [originOf(reached.publicUrl), headers.host ? originOf(`${reached.secure ? 'https' : 'http'}://${headers.host}`) : null];
  const from = originOf(origin);
  return from !== null && own.includes(from) ? null : `Origin: ${origin}`;
}

/** Refuses a cookie-authenticated request from another origin: 403 `cross-origin`. */
export function sameOriginCookies(publicUrl: () => string): RequestHandler {
  return (req, _res, next) => {
    if (!cookieBorne(req.headers)) return next();
    const why = crossOrigin(req.headers, { secure: req.secure, publicUrl: publicUrl() });
    if (why) {
      throw new AppError(403, 'cross-origin', `Signed-in requests are taken only from this server's own pages (${why}).`);
    }
    next();
  };
}

/**
 * The routes whose operation takes a form (`form: true` in the table): Africa's Talking posts its SMS delivery
 * reports form-encoded, with no cookie (anyone may post one; it only names a message id the gateway gave).
 */
const FORM_PATHS = new Set<string>(Object.values(OPERATIONS).filter((op) => 'form' in op && op.form).map((op) => op.path));

/**
 * Refuses a body that is not JSON: 415 `unsupported-media-type`. A request with no body and no type (a
 * POST that needs none) is fine; any declared type other than application/json is refused, even empty.
 */
export const jsonBodiesOnly: RequestHandler = (req, _res, next) => {
  const type = req.headers['content-type'];
  const empty = req.headers['transfer-encoding'] === undefined && (req.headers['content-length'] ?? '0') === '0';
  const json = type !== undefined && type.split(';')[0]!.trim().toLowerCase() === 'application/json';
  if (json || (type === undefined && empty)) return next();
  if (FORM_PATHS.has(req.path) && type?.split(';')[0]!.trim().toLowerCase() === 'application/x-www-form-urlencoded') return next();
  throw new AppError(415, 'unsupported-media-type', `The API takes JSON bodies only: send Content-Type: application/json${type ? `, not ${type}` : ''}.`);
};
