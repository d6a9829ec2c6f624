// The admin's CSV of bookings made elsewhere: service code, slot start in the centre's time
// (`YYYY-MM-DD HH:MM`), reference, name, phone. Each row is checked on its own; good rows are booked
// (channel `import`) and bad ones listed with the reason, in one write; a row already imported is left as
// it is, so importing the same file twice changes nothing.
import { parse } from 'csv-parse/sync';
import { BookingReference, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, REFERENCE_ALPHABET, toKenyanMobile } from '@foleni/shared';
import type { ImportResult } from '@foleni/shared';
import { AppError } from '../errors.js';
import { zonedTime } from './slot-grid.js';

export interface ImportRow {
  /** 1 = the file's first line. */
  row: number;
  code: string;
  slot: string;
  reference: string;
  name: string;
  phone: string;
}

const tooLarge = (what: string) =>
  new AppError(413, 'csv-too-large', `The file is too large (${what}): import at most ${IMPORT_MAX_ROWS} rows and ${IMPORT_MAX_BYTES / 1_000_000} MB at a time; nothing was booked.`);

/** The rows of the file, its header row (if any) left out; refuses a file past the limits before reading it. */
export function importRows(csv: string): ImportRow[] {
  const bytes = Buffer.byteLength(csv, 'utf8');
  if (bytes > IMPORT_MAX_BYTES) throw tooLarge(`${bytes} bytes`);
  let records: string[][];
  try {
    records = parse(csv, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, to: IMPORT_MAX_ROWS + 2 });
  } catch (e) {
    throw new AppError(400, 'invalid-csv', `The file is not a CSV file we can read: ${e instanceof Error ? e.message : String(e)}`);
  }
  const header = records[0] !== undefined && !/^\d{4}-\d{2}-\d{2}/.test(records[0][1] ?? '');
  const rows = header ? records.slice(1) : records;
  if (rows.length > IMPORT_MAX_ROWS) throw tooLarge(`more than ${IMPORT_MAX_ROWS} rows`);
  return rows.map((cells, i) => ({
    row: i + 1 + (header ? 1 : 0),
    code: (cells[0] ?? '').toUpperCase(),
    slot: cells[1] ?? '',
    reference: cells[2] ?? '',
    name: cells[3] ?? '',
    phone: cells[4] ?? '',
  }));
}

export interface CheckedRow {
  code: string;
  slotStart: number;
  reference: string;
  name: string | null;
  phone: string | null;
}

/** A row's own faults (what needs no database), or the row as it will be booked. */
export function checkRow(r: ImportRow, timeZone: string): CheckedRow | string {
  if (!r.code) return 'no service code';
  const slot = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/.exec(r.slot);
  if (!slot) return `slot "${r.slot}" is not YYYY-MM-DD HH:MM`;
  const slotStart = zonedTime(slot[1]!, slot[2]!, timeZone);
  if (!Number.isFinite(slotStart)) return `slot "${r.slot}" is not a real date and time`;
  const reference = BookingReference.safeParse(r.reference);
  if (!reference.success) return `reference "${r.reference}" is not 6 characters of ${REFERENCE_ALPHABET}`;
  const phone = r.phone ? toKenyanMobile(r.phone) : null;
  if (r.phone && !phone) return `phone "${r.phone}" is not a Kenyan mobile number`;
  if (r.name.length > 80) return 'the name is longer than 80 characters';
  return { code: r.code, slotStart, reference: reference.data, name: r.name || null, phone };
}

export const emptyResult = (): ImportResult => ({ booked: 0, unchanged: 0, refused: [] });
