// Finds English left on a staff page that should be all Kiswahili: every line of the page's visible text is
// matched against the English of the staff, settings, common, booking and kiosk-help catalogues (a placeholder
// such as `{n}` matches a few words). Only words whose Kiswahili differs count, so "SMS" or a service code is not
// flagged, a line that reads as Kiswahili too (the "English" language button) is not English left, and neither
// is text marked lang="en" (the citizen's bilingual ticket at the front desk is English on purpose).
import type { Page } from 'playwright-core';
import type { Catalogue } from '@foleni/shared';
import { appointmentCatalogue, commonCatalogue, kioskAccessCatalogue, staffAdminCatalogue, staffCatalogue } from '@foleni/shared';

interface Pattern {
  key: string;
  re: RegExp;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A message as a pattern of a whole line: its words and spaces match themselves, a placeholder one to four words
 * (a name, a count, a time), so "{phone} on {date}" does not claim every long sentence with "on" in it.
 */
const PLACEHOLDER = '\\S+(?: \\S+){0,3}';
const patternOf = (message: string) => new RegExp(`^${message.split(/\{\w+\}/).map(escape).join(PLACEHOLDER)}$`);

function patternsOf(catalogue: Catalogue<string>, lang: 'en' | 'sw'): Pattern[] {
  const out: Pattern[] = [];
  for (const [key, message] of Object.entries(catalogue[lang])) {
    if (catalogue.en[key] === catalogue.sw[key]) continue;
    // A message that is nothing but placeholders and punctuation would match any line.
    if (!/[A-Za-z]{2}/.test(message.replace(/\{\w+\}/g, ''))) continue;
    out.push({ key, re: patternOf(message) });
  }
  return out;
}

const CATALOGUES = [staffCatalogue, staffAdminCatalogue, commonCatalogue, appointmentCatalogue, kioskAccessCatalogue] as Catalogue<string>[];
// The most specific message first, so a line is named by the key it most likely came from.
const ENGLISH = CATALOGUES.flatMap((c) => patternsOf(c, 'en')).sort((a, b) => b.re.source.length - a.re.source.length);
const KISWAHILI = CATALOGUES.flatMap((c) => patternsOf(c, 'sw'));

/** Lines of the page's visible text that read as one of the catalogues' English messages, with its key. */
export async function englishLeft(page: Page): Promise<string[]> {
  const [text, marked] = await page.evaluate(() => [
    document.body.innerText,
    [...document.querySelectorAll<HTMLElement>('body [lang="en"]')].flatMap((e) => e.innerText.split('\n')),
  ] as const);
  const english = new Set(marked.map((l) => l.trim()));
  const found: string[] = [];
  for (const line of text.split('\n').map((l) => l.trim()).filter((l) => l && !english.has(l))) {
    const hit = ENGLISH.find((p) => p.re.test(line));
    if (hit && !KISWAHILI.some((p) => p.re.test(line))) found.push(`${hit.key}: "${line}"`);
  }
  return found;
}
