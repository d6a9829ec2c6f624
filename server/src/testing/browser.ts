// Real Chromium for page tests: Debian's /usr/bin/chromium driven by playwright-core, plus an axe check.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

/**
 * A screen already paired: the browser keeps the device's token (as `pairFromLink` in @foleni/shared/client
 * stores it) before any page of the context loads. A pairing link's code works once, so a test opening a
 * device's screen again and again starts from its token; tests of pairing itself open a link instead.
 */
export async function keepDeviceToken(context: BrowserContext, kind: 'kiosk' | 'display', token: string): Promise<void> {
  // As source text: it runs in the page, whose `localStorage` the server's types do not know. Opaque
  // origins (about:blank) have no storage and throw.
  const [key, value] = [JSON.stringify(`foleni.${kind}.token`), JSON.stringify(token)];
  await context.addInitScript({ content: `try { if (!localStorage.getItem(${key})) localStorage.setItem(${key}, ${value}); } catch {}` });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core in the page and returns the serious and critical violations. axe is evaluated from the test
 * side rather than added as a <script>, so the page's Content-Security-Policy stays on.
 */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const result = (await page.evaluate(async () => {
    // axe is defined as a global by the source evaluated above.
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return axe.run();
  })) as { violations: AxeViolation[] };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
}
