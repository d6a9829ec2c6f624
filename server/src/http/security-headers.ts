// Security headers. Pages (the screens' HTML, scripts and sounds) get helmet's full set; the API's JSON
// answers get the short list OWASP gives for a JSON API: nothing in them runs, is framed, sniffed or kept.
// (Helmet's full set on every answer cost each issued ticket a dozen headers and as many function calls.)
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export function pageHeaders(): RequestHandler {
  return helmet({
    // Plain http on a LAN: no HSTS, no upgrade of requests to https.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'media-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'", 'ws:', 'wss:'],
        'upgrade-insecure-requests': null,
      },
    },
  });
}

const API_HEADERS: [string, string][] = [
  ['Cache-Control', 'no-store'],
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Referrer-Policy', 'no-referrer'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
];

export const apiHeaders: RequestHandler = (_req, res, next) => {
  for (const [name, value] of API_HEADERS) res.setHeader(name, value);
  next();
};
