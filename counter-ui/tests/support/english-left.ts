// Finds English left on a staff page that should be all Kiswahili: every line of the page's visible text is
// matched against the English of the staff, common and booking catalogues (placeholders such as `{n}` match
// anything). Only words whose Kiswahili differs count, so "SMS" or a service code is not flagged, and a line that
// reads as Kiswahili too (the "English" language button) is not English left.
import type { Page } from 'playwright-core';
import type { Catalogue } from '@foleni/shared';
import { appointmentCatalogue, commonCatalogue, staffAdminCatalogue, staffCatalogue } from '@foleni/shared';

interface Pattern {
  key: string;
  re: RegExp;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A message as a pattern of a whole line: its placeholders match anything, its words and spaces themselves. */
const patternOf = (message: string) => new RegExp(`^${message.split(/\{\w+\}/).map(escape).join('.+')}$`);

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

const CATALOGUES = [staffCatalogue, staffAdminCatalogue, commonCatalogue, appointmentCatalogue] as Catalogue<string>[];
// The most specific message first, so a line is named by the key it most likely came from.
const ENGLISH = CATALOGUES.flatMap((c) => patternsOf(c, 'en')).sort((a, b) => b.re.source.length - a.re.source.length);
const KISWAHILI = CATALOGUES.flatMap((c) => patternsOf(c, 'sw'));

/** Lines of the page's visible text that read as one of the catalogues' English messages, with its key. */
export async function englishLeft(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  const found: string[] = [];
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const hit = ENGLISH.find((p) => p.re.test(line));
    if (hit && !KISWAHILI.some((p) => p.re.test(line))) found.push(`${hit.key}: "${line}"`);
  }
  return found;
}
