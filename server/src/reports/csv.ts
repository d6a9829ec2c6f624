// CSV files for spreadsheets, written by csv-stringify: comma-separated, CRLF line ends, fields quoted when
// they hold a comma, a quote, a line break or edge spaces, quotes doubled. Spreadsheets open it as is with
// the UTF-8 byte-order mark in front (Excel otherwise guesses a legacy code page and mangles Kiswahili and
// other non-ASCII names).
import { stringify } from 'csv-stringify/sync';
import type { Options } from 'csv-stringify/sync';

export type CsvValue = string | number | boolean | null | undefined;

export const UTF8_BOM = '\uFEFF';

/**
 * Text that starts like a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe, so a service or
 * user name typed by an admin can never run as a formula in the manager's spreadsheet (OWASP CSV injection).
 * Numbers are written as numbers and are never touched.
 */
function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const OPTIONS: Options = {
  record_delimiter: '\r\n',
  // Edge spaces are quoted too (a spreadsheet would otherwise trim them), and any line break, not only CRLF.
  quoted_match: /^\s|\s$|[\r\n]/,
  cast: {
    string: neutralise,
    number: (n) => (Number.isFinite(n) ? String(n) : ''),
    boolean: (b) => (b ? 'true' : 'false'),
  },
};

export function csvLine(values: readonly CsvValue[]): string {
  // A line of one empty field is an empty line, which csv-stringify leaves out: written by hand.
  if (values.length === 1 && (values[0] === null || values[0] === undefined || values[0] === '')) return '\r\n';
  return stringify([values as CsvValue[]], OPTIONS);
}

export function csvField(value: CsvValue): string {
  return csvLine([value]).slice(0, -2);
}

/** A whole document: a header row, then the rows, with the byte-order mark first. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return UTF8_BOM + stringify([header as string[], ...(rows as CsvValue[][])], OPTIONS);
}
