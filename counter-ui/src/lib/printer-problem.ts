// What staff are told about a printer that cannot print: the reason in words and what to do about it. The
// admin's Kiosks page and the manager's dashboard say the same thing the same way, in English unless told
// the reader's language. The server's detail sentence (with the printer's address) stays as it says it.
import { staffCatalogue } from '@foleni/shared';
import type { Device, Lang, PrinterProblem, PrinterProblemReason } from '@foleni/shared';

const words = (reason: PrinterProblemReason, lang: Lang): { title: string; todo: string } => ({
  title: staffCatalogue[lang][`staff.printer.${reason}.title`],
  todo: staffCatalogue[lang][`staff.printer.${reason}.todo`],
});

export interface ProblemText {
  title: string;
  /** The server's sentence, with the printer's address. */
  detail: string;
  todo: string;
}

export function problemText(problem: PrinterProblem, lang: Lang = 'en'): ProblemText {
  return { ...words(problem.reason, lang), detail: problem.detail };
}

/** The device's problem as staff see it, or null while its printer is ready, on screen only or not known. */
export function devicePrinterProblem(d: Pick<Device, 'printer' | 'printerStatus' | 'printerProblem'>, lang: Lang = 'en'): ProblemText | null {
  if (!d.printer) return null;
  if (d.printerProblem) return problemText(d.printerProblem, lang);
  const s = d.printerStatus;
  // A status stored before reasons were kept: the status is its own reason.
  if (s === 'offline' || s === 'paper_out' || s === 'cover_open') {
    return { ...words(s, lang), detail: staffCatalogue[lang][s === 'offline' ? 'staff.printer.noAnswer' : 'staff.printer.saysSo'] };
  }
  return null;
}
