// The bytes of a printed queue ticket (ESC/POS), for 58 mm and 80 mm paper.
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { TicketPrint } from './print.types.js';
import { bookedLine, dateAndTime, printable, receiptWords } from './receipt-words.js';

export type PaperWidth = 58 | 80;

export interface ReceiptOptions {
  paperWidth: PaperWidth;
}

/** Font A columns: 32 on 58 mm paper, 48 on 80 mm. */
export const COLUMNS: Record<PaperWidth, number> = { 58: 32, 80: 48 };

// 6× is 18 mm tall: read at arm's length, yet a ticket stays short. Long labels shrink to fit one line.
const LABEL_MAX_SIZE = 6;
// 6 dots a module keeps a 60-character URL (QR version 4) near 25 mm wide, easy for cheap phone cameras.
const QR_MODULE_DOTS = 6;

/**
 * One encoder setup for every receipt: ESC/POS, code page 437 (page 0 on every printer, so nothing depends on
 * the model's code page table), and feed before the cut because the cutter sits a few lines above the head.
 */
export function receiptEncoder(paperWidth: PaperWidth): ReceiptPrinterEncoder {
  return new ReceiptPrinterEncoder({
    language: 'esc-pos',
    columns: COLUMNS[paperWidth],
    codepageMapping: 'epson',
    feedBeforeCut: 4,
    // A QR code the printer cannot draw must fail loudly in tests, not print a ticket without it.
    errors: 'strict',
  })
    .initialize()
    .codepage('cp437');
}

export function labelSize(label: string, columns: number): number {
  return Math.max(1, Math.min(LABEL_MAX_SIZE, Math.floor(columns / Math.max(1, label.length))));
}

export function renderTicket(content: TicketPrint, opts: ReceiptOptions): Uint8Array {
  const columns = COLUMNS[opts.paperWidth];
  const words = receiptWords(content.lang);
  const when = dateAndTime(content.issuedAt, content.timezone);
  const label = printable(content.label);
  const e = receiptEncoder(opts.paperWidth).align('center');

  e.bold(true).line(printable(content.centreName)).bold(false).newline();
  const size = labelSize(label, columns);
  e.size(size, size).bold(true).line(label).bold(false).size(1, 1);
  e.bold(true).line(printable(content.journey?.name ?? content.serviceName)).bold(false);
  if (content.journey) {
    // The steps, left-aligned and numbered, the one it is at marked: the citizen knows where to go after.
    e.newline().line(words.steps).align('left');
    content.journey.steps.forEach((step, i) => e.line(`${i === content.journey!.current ? '>' : ' '} ${i + 1}. ${printable(step)}`));
    e.align('center');
  }
  if (content.priority !== 'none') e.invert(true).line(` ${words.priority[content.priority]} `).invert(false);
  // In both languages, whatever the ticket's: the clerk and the citizen both read the booking's time.
  if (content.bookedFor != null) e.bold(true).line(bookedLine(dateAndTime(content.bookedFor, content.timezone).time)).bold(false);
  e.newline();
  e.line(`${words.date}: ${when.date}  ${words.time}: ${when.time}`);
  // Place and wait only while it waits: a reprint after its call would otherwise say "no counter open".
  if (content.ahead !== null) {
    e.line(words.ahead(content.ahead));
    e.line(content.estimatedWaitMinutes === null ? words.noCounter : words.wait(content.estimatedWaitMinutes));
  }
  e.newline();
  e.line(words.scan);
  const wifi = content.wifiName ? printable(content.wifiName).trim() : '';
  if (wifi) e.line(words.wifi(wifi));
  e.qrcode(content.trackUrl, { model: 2, size: QR_MODULE_DOTS, errorlevel: 'm' });
  const footer = printable(content.footer).trim();
  if (footer) e.newline().line(footer);
  return e.cut('partial').encode();
}
