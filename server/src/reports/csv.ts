// A small RFC 4180 CSV writer (no CSV package is installed): comma-separated, CRLF line ends, fields quoted
// when they hold a comma, a quote, a line break or edge spaces, quotes doubled. Spreadsheets open it as
// is with the UTF-8 byte-order mark in front (Excel otherwise guesses a legacy code page and mangles
// Kiswahili and other non-ASCII names).

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

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = neutralise(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

/** A whole document: a header row, then the rows, with the byte-order mark first. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return UTF8_BOM + csvLine(header) + rows.map(csvLine).join('');
}
