// Every refusal a clerk's actions can meet is told in the clerk's language, English or Kiswahili, with the
// ticket, counter and service named. The codes are read from the server's own source (the queue engine and
// the counter and ticket routes, plus the HTTP layer's) and from the operation table it mounts, so a new code
// without words fails here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OPERATIONS, pathParamNames, tStaff } from '@foleni/shared';
import type { Lang, Who } from '@foleni/shared';
import { ApiError } from '@foleni/shared/client';
import { explainError } from '../src/counter/error-text.js';

const source = (path: string) => readFileSync(fileURLToPath(new URL(`../../server/src/${path}`, import.meta.url)), 'utf8');

/** code → HTTP status, as the server answers it. */
function serverCodes(): Map<string, number> {
  const codes = new Map<string, number>();
  const files = ['queue/queue.service.ts', 'routes/counter.routes.ts', 'routes/ticket.routes.ts', 'http/auth.middleware.ts', 'http/operations.ts', 'http/same-origin.ts'];
  for (const text of files.map(source)) {
    for (const m of text.matchAll(/\b(conflict|badRequest)\(\s*'([a-z][a-z-]*)'/g)) codes.set(m[2]!, m[1] === 'conflict' ? 409 : 400);
    for (const m of text.matchAll(/new AppError\(\s*(\d{3}),\s*'([a-z][a-z-]*)'/g)) codes.set(m[2]!, Number(m[1]));
    if (/\bforbidden\(/.test(text)) codes.set('forbidden', 403);
    if (/\bnotFound\(/.test(text)) codes.set('not-found', 404);
    if (/\bunauthorized\(/.test(text)) codes.set('unauthorized', 401);
    // parse(schema, value, 'ticket id') refuses with invalid-ticket-id; without a third argument, invalid-body.
    for (const m of text.matchAll(/\bparse\(\s*\w+,\s*[^,()]+(?:\([^)]*\))?[^,()]*(?:,\s*'([a-z -]+)')?\s*\)/g)) {
      codes.set(`invalid-${(m[1] ?? 'body').replace(/\s+/g, '-')}`, 400);
    }
  }
  // A clerk's path parameters and header are parsed where the table is mounted (http/operations.ts): a bad
  // `ticketId` is refused as invalid-ticket-id, a bad Idempotency-Key header as invalid-idempotency-key.
  for (const op of Object.values(OPERATIONS)) {
    const who: readonly Who[] = op.who;
    if (!who.includes('clerk') && !who.includes('staff')) continue;
    for (const p of pathParamNames(op.path)) codes.set(`invalid-${p.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, 400);
    if ('header' in op) codes.set(`invalid-${op.header.name.toLowerCase()}`, 400);
  }
  // Answers the HTTP layer gives any request: the rate limiter, the body parser and the last-resort handler.
  for (const m of source('http/rate-limits.ts').matchAll(/status\((\d{3})\)\.json\(\{ error: \{ code: '([a-z-]+)'/g)) codes.set(m[2]!, Number(m[1]));
  for (const m of source('http/errors.middleware.ts').matchAll(/'(body-too-large|invalid-json|bad-request|internal)'/g)) {
    codes.set(m[1]!, m[1] === 'internal' ? 500 : 400);
  }
  // Feedback is the citizen's, after the visit: no clerk meets these.
  codes.delete('not-done');
  codes.delete('feedback-given');
  codes.delete('no-rating');
  codes.delete('comment-given');
  codes.delete('citizen-only');
  codes.delete('feedback-key');
  codes.delete('feedback-closed');
  // Issuing with an Idempotency-Key is the kiosk's: the counter screen never issues a ticket.
  codes.delete('idempotency-key-reused');
  return codes;
}

const SERVER_WORDS = 'Counter 2 has already called B007 in the server’s own English.';
const VARS = { label: 'B007', counter: 'Counter 3', service: 'Passport', holder: 'Counter 2', clerk: 'Otieno Odhiambo' };

describe('counter error words', () => {
  const codes = serverCodes();

  it('finds the server’s codes (the reading of its source still works)', () => {
    for (const code of ['already-called', 'not-your-ticket', 'not-your-service', 'not-served-here', 'ticket-expired', 'counter-inactive', 'same-service', 'not-found', 'forbidden', 'unauthorized', 'rate-limited', 'invalid-body', 'invalid-ticket-id', 'invalid-counter-id', 'invalid-idempotency-key', 'invalid-json', 'internal']) {
      expect(codes.has(code), code).toBe(true);
    }
    expect(codes.get('rate-limited')).toBe(429);
    expect(codes.size).toBeGreaterThanOrEqual(25);
  });

  it('has words of its own, in both languages, for every code a clerk can meet', () => {
    for (const [code, status] of codes) {
      const said = {} as Record<Lang, string>;
      for (const lang of ['en', 'sw'] as const) {
        for (const vars of [VARS, {}]) {
          const { text } = explainError(new ApiError(status, code, SERVER_WORDS), lang, vars);
          const label = `${code} ${lang} ${JSON.stringify(vars)}: ${text}`;
          expect(text, label).not.toContain(SERVER_WORDS);
          expect(text, label).not.toMatch(/\{\w+\}|undefined/);
          expect(text.length, label).toBeGreaterThan(15);
        }
        said[lang] = explainError(new ApiError(status, code, SERVER_WORDS), lang, VARS).text;
      }
      expect(said.sw, code).not.toBe(said.en);
    }
  });

  it('names the ticket, the counter that has it and the service, in Kiswahili as in English', () => {
    const say = (code: string, status: number, lang: Lang, vars: object = VARS) => explainError(new ApiError(status, code, SERVER_WORDS), lang, vars).text;
    expect(say('already-called', 409, 'en')).toBe('Counter 2 has already called B007. Call someone else.');
    expect(say('already-called', 409, 'sw')).toBe('B007 ameshaitwa na Dirisha 2. Mwite mtu mwingine.');
    // Before the screen knows which counter: said without a name, not wrongly.
    expect(say('already-called', 409, 'sw', { label: 'B007' })).toBe('B007 ameshaitwa na dirisha jingine. Mwite mtu mwingine.');
    expect(say('not-your-ticket', 403, 'en')).toContain('Counter 2 has B007, not your counter');
    expect(say('not-your-ticket', 403, 'sw')).toContain('B007 yuko kwenye Dirisha 2');
    expect(say('not-served-here', 409, 'sw')).toContain('Dirisha 3 halitoi huduma ya Passport');
    expect(say('not-your-service', 403, 'en')).toContain('B007 is for Passport');
    expect(say('counter-inactive', 409, 'sw')).toContain('Dirisha 3 limezimwa na msimamizi');
    expect(say('counter-taken', 409, 'en')).toContain('Counter 3 is open for Otieno Odhiambo');
    expect(say('same-service', 400, 'sw')).toContain('B007 tayari yuko kwenye Passport');
    expect(say('rate-limited', 429, 'sw')).toBe(tStaff('sw', 'counter.error.rate-limited'));
    // Refusals that mean the screen was behind ask for a fresh picture; a refused body does not.
    expect(explainError(new ApiError(404, 'not-found', SERVER_WORDS), 'en').stale).toBe(true);
    expect(explainError(new ApiError(400, 'same-service', SERVER_WORDS), 'en').stale).toBe(false);
    // No answer at all may still mean it was done (the answer lost on the way back): never "nothing was
    // changed"; the screen asks for a fresh picture and says so.
    for (const lang of ['en', 'sw'] as const) {
      const lost = explainError(new ApiError(0, 'network', 'The server could not be reached.'), lang);
      expect(lost, lang).toMatchObject({ stale: true, signedOut: false });
      expect(lost.text, lang).not.toMatch(/nothing was changed|hakuna kilichobadilika/i);
    }
    expect(explainError(new ApiError(0, 'network', ''), 'en').text).toMatch(/may not have reached it.*being refreshed from the server/);
    expect(explainError(new ApiError(0, 'network', ''), 'sw').text).toMatch(/huenda ombi halikuifikia.*Skrini inasasishwa kutoka kwa seva/);
    expect(explainError(new ApiError(401, 'unauthorized', SERVER_WORDS), 'sw')).toMatchObject({ signedOut: true, text: tStaff('sw', 'counter.error.unauthorized') });
    // A code this screen has never heard of keeps the server's words rather than saying nothing useful.
    expect(say('brand-new-rule', 409, 'sw')).toBe(tStaff('sw', 'counter.error.generic', { message: SERVER_WORDS }));
  });

  it('names the counter the server’s details name, over what a screen that fell behind believes', () => {
    const details = { counter: { id: 'c-5', name: 'Counter 5' } };
    const say = (code: string, status: number, lang: Lang, d: unknown, vars: object = VARS) => explainError(new ApiError(status, code, SERVER_WORDS, d), lang, vars).text;
    expect(say('already-called', 409, 'en', details)).toBe('Counter 5 has already called B007. Call someone else.');
    expect(say('already-called', 409, 'sw', details, { label: 'B007' })).toBe('B007 ameshaitwa na Dirisha 5. Mwite mtu mwingine.');
    expect(say('not-your-ticket', 403, 'sw', details)).toContain('B007 yuko kwenye Dirisha 5');
    // Details of another shape are not trusted: the screen's words, or the general ones, stay.
    for (const odd of [null, 'Counter 5', { counter: 'Counter 5' }, { counter: { name: 7 } }, { counter: { name: '' } }]) {
      expect(say('already-called', 409, 'en', odd), JSON.stringify(odd)).toBe('Counter 2 has already called B007. Call someone else.');
    }
    expect(say('already-called', 409, 'en', undefined, { label: 'B007' })).toBe('Another counter has already called B007. Call someone else.');
  });
});
