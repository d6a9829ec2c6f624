// A page of another origin on the same host (another port: the same *site*, so the browser sends the clerk's
// SameSite=Strict cookie with its requests) cannot act as the clerk signed in beside it: its auto-submitted
// text/plain form and its bodiless fetch do not pause the clerk's counter, and its WebSocket gets no staff
// snapshot. The same requests from the counter's own page do work, so the cookie was there to be misused.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fillSignIn, startStaffCentre } from './support/staff-pages.js';
import type { StaffCentre } from './support/staff-pages.js';

/** Opens a raw Engine.IO WebSocket (the browser adds its cookies) and returns what arrives in `ms`. */
async function socketFrames(page: Page, url: string, ms: number): Promise<string[]> {
  return page.evaluate(
    ({ url, ms }) =>
      new Promise<string[]>((resolve) => {
        const frames: string[] = [];
        const ws = new WebSocket(url);
        ws.onmessage = (e) => {
          const data = String(e.data);
          frames.push(data.slice(0, 200));
          // Engine.IO open, then connect to "/" with no auth: the cookie is all the server has to go on.
          if (data.startsWith('0')) ws.send('40');
          if (data === '2') ws.send('3');
        };
        ws.onerror = () => frames.push('error');
        setTimeout(() => {
          ws.close();
          resolve(frames);
        }, ms);
      }),
    { url, ms },
  );
}

describe('another origin on the same host', () => {
  let s: StaffCentre;
  let evil: Server;
  let evilUrl = '';
  let counter = '';
  const status = () => s.centre.app.ctx.repos.counters.get(counter)!.status;

  beforeAll(async () => {
    s = await startStaffCentre();
    counter = s.centre.counterId('1');
    const pause = `${s.centre.url}/api/v1/counters/${counter}/pause`;
    const pages: Record<string, string> = {
      // The form's one field makes a text/plain body that reads as JSON: {"x":"=1"}.
      '/form': `<!doctype html><form id="f" method="POST" enctype="text/plain" action="${pause}"><input name='{"x":"' value='1"}'></form><script>document.getElementById('f').submit()</script>`,
      '/': '<!doctype html><title>Nothing to see</title>',
    };
    evil = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(pages[req.url ?? '/'] ?? pages['/']);
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => evil?.close(resolve));
    await s?.close();
  });

  it('cannot pause a signed-in clerk’s counter or hear the staff snapshot', async () => {
    const page = await s.newPage();
    await page.goto(`${s.centre.url}/counter`);
    await fillSignIn(page, 'wanjiru');
    await page.getByRole('button', { name: /Sign out/ }).waitFor();
    const bearer = await s.centre.login('wanjiru');
    expect((await s.centre.api('POST', `/counters/${counter}/open`, { auth: bearer })).status).toBe(200);
    const cookies = await page.context().cookies(s.centre.url);
    expect(cookies.map((c) => c.name)).toContain('foleni_session');

    // The other port's page, in the same browser: an auto-submitted form, then a bodiless no-cors fetch.
    const evilPage = await page.context().newPage();
    const refused = evilPage.waitForResponse((r) => r.url().endsWith('/pause'));
    await evilPage.goto(`${evilUrl}/form`);
    const answer = await refused;
    expect(answer.status()).toBe(403);
    expect(await answer.text()).toContain('cross-origin');
    expect((await answer.request().allHeaders())['cookie']).toContain('foleni_session');
    await evilPage.goto(evilUrl);
    // The request goes out; its answer is withheld from the page (Cross-Origin-Resource-Policy), hence the catch.
    // The page never sees that answer, so the server is watched: the request came, with the cookie.
    const bodiless = new Promise<{ cookie?: string; length?: string }>((resolve) =>
      s.centre.app.httpServer.prependListener('request', (req) => {
        if (req.url?.endsWith('/pause')) resolve({ cookie: req.headers.cookie, length: req.headers['content-length'] });
      }),
    );
    await evilPage.evaluate((url) => fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include' }).catch(() => undefined), `${s.centre.url}/api/v1/counters/${counter}/pause`);
    expect(await bodiless).toMatchObject({ cookie: expect.stringContaining('foleni_session'), length: '0' });
    expect(status()).toBe('open');

    const ws = `${s.centre.url.replace('http:', 'ws:')}/socket.io/?EIO=4&transport=websocket`;
    const heard = await socketFrames(evilPage, ws, 1500);
    expect(heard.join('\n')).not.toContain('queue:snapshot');
    expect(heard.join('\n')).toContain('cross-origin');

    // The counter's own page, with the same cookie: the socket hears the staff snapshot, and a pause works.
    const own = await socketFrames(page, ws, 1500);
    expect(own.find((f) => f.includes('queue:snapshot'))).toContain('"kind":"staff"');
    await page.evaluate((url) => fetch(url, { method: 'POST', credentials: 'same-origin' }).then((r) => r.status), `${s.centre.url}/api/v1/counters/${counter}/pause`);
    expect(status()).toBe('paused');
  }, 60_000);
});
