// Serves the built screens on the one port: /kiosk, /display, /t/<ticketId>, /counter, /manage, /admin.
// Hashed assets are cached for good; HTML is revalidated so an update reaches every screen on reload.
import express from 'express';
import type { Express, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT_DIR = fileURLToPath(new URL('../../../', import.meta.url));

export interface UiDirs {
  kiosk: string;
  display: string;
  staff: string;
}

export const defaultUiDirs = (): UiDirs => ({
  kiosk: join(ROOT_DIR, 'kiosk-ui', 'dist'),
  display: join(ROOT_DIR, 'display-ui', 'dist'),
  staff: join(ROOT_DIR, 'counter-ui', 'dist'),
});

function sendPage(res: Response, dir: string, file: string): void {
  const path = join(dir, file);
  if (!existsSync(path)) {
    res
      .status(503)
      .type('text/plain')
      .send('This screen is not built yet. Run `npm run build` (or `npm start`, which builds first).');
    return;
  }
  res.setHeader('Cache-Control', 'no-cache');
  res.sendFile(path);
}

export function mountUi(app: Express, dirs: UiDirs): void {
  const assets = { immutable: true, maxAge: '365d', index: false, fallthrough: true } as const;
  const mount = (base: string, dir: string) => {
    app.use(`${base}/assets`, express.static(join(dir, 'assets'), assets));
    // A screen's service worker may look after its page whether it was opened as /kiosk or /kiosk/.
    app.get(`${base}/sw.js`, (_req, res, next) => {
      res.setHeader('Service-Worker-Allowed', base);
      res.setHeader('Cache-Control', 'no-cache');
      next();
    });
    app.use(base, express.static(dir, { index: false, maxAge: '1h' }));
  };
  mount('/kiosk', dirs.kiosk);
  mount('/display', dirs.display);
  mount('/staff', dirs.staff);

  app.get(['/kiosk', '/kiosk/'], (_req, res) => sendPage(res, dirs.kiosk, 'index.html'));
  app.get(['/display', '/display/'], (_req, res) => sendPage(res, dirs.display, 'index.html'));
  app.get('/t/:ticketId', (_req, res) => sendPage(res, dirs.display, 'track.html'));
  for (const path of ['/', '/counter', '/manage', '/admin', '/counter/*rest', '/manage/*rest', '/admin/*rest']) {
    app.get(path, (_req, res) => sendPage(res, dirs.staff, 'index.html'));
  }
}
