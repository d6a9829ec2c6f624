// The page an admin prints to check a kiosk's printer: width, both languages, large type, QR code and cutter.
import { COLUMNS, receiptEncoder, type PaperWidth } from './ticket-receipt.js';
import { dateAndTime, printable } from './receipt-words.js';

export interface TestPage {
  paperWidth: PaperWidth;
  printerUrl: string;
  deviceName: string;
  centreName: string;
  /** UTC ms; printed in `timezone`. */
  at: number;
  timezone: string;
}

export function renderTestPage(page: TestPage): Uint8Array {
  const columns = COLUMNS[page.paperWidth];
  const when = dateAndTime(page.at, page.timezone);
  // A ruler as wide as the paper: a wrapped or cut-off ruler means the paper width setting is wrong.
  const ruler = Array.from({ length: columns }, (_, i) => String((i + 1) % 10)).join('');
  const e = receiptEncoder(page.paperWidth).align('center');
  e.bold(true).line('Foleni - test print').line('Jaribio la kuchapisha').bold(false).newline();
  e.line(printable(page.centreName)).line(printable(page.deviceName)).line(printable(page.printerUrl));
  e.line(`${page.paperWidth} mm, ${columns} columns`).line(`${when.date} ${when.time}`).newline();
  e.align('left').line(ruler).align('center').newline();
  e.size(4, 4).line('A123').size(1, 1);
  e.line('Karibu! Printer is working.').line('Printa inafanya kazi.').newline();
  // Plain text, not a URL: scanning it works offline and proves the QR code prints.
  e.qrcode('Foleni printer check: OK', { model: 2, size: 6, errorlevel: 'm' });
  return e.cut('partial').encode();
}
