// What staff are told about a printer that cannot print: the reason in words and what to do about it. The
// admin's Kiosks page and the manager's dashboard say the same thing the same way.
import type { Device, PrinterProblem, PrinterProblemReason } from '@foleni/shared';

const WORDS: Record<PrinterProblemReason, { title: string; todo: string }> = {
  missing_device: {
    title: 'No printer found',
    todo: 'Check the printer is plugged into this computer and switched on, and that the device file in its settings is right (usually /dev/usb/lp0).',
  },
  no_permission: {
    title: 'Not allowed to use the printer',
    todo: 'On the server, run "sudo usermod -aG lp foleni" (the user the service runs as), then restart the service: sudo systemctl restart foleni.',
  },
  offline: { title: 'Printer offline', todo: 'Check the printer is switched on, its cable or network is connected, and its light shows no error.' },
  paper_out: { title: 'Out of paper', todo: 'Put a new roll of paper in the printer and close its cover.' },
  cover_open: { title: 'Cover open', todo: 'Close the printer’s cover firmly until it clicks.' },
  busy: { title: 'Printer stuck on an earlier ticket', todo: 'Check paper and cover; switch the printer off and on if it stays stuck.' },
  error: { title: 'Printer problem', todo: 'Check paper, cover and cable, then print a test page.' },
};

export interface ProblemText {
  title: string;
  /** The server's sentence, with the printer's address. */
  detail: string;
  todo: string;
}

export function problemText(problem: PrinterProblem): ProblemText {
  return { ...WORDS[problem.reason], detail: problem.detail };
}

/** The device's problem as staff see it, or null while its printer is ready, on screen only or not known. */
export function devicePrinterProblem(d: Pick<Device, 'printer' | 'printerStatus' | 'printerProblem'>): ProblemText | null {
  if (!d.printer) return null;
  if (d.printerProblem) return problemText(d.printerProblem);
  const s = d.printerStatus;
  // A status stored before reasons were kept: the status is its own reason.
  if (s === 'offline' || s === 'paper_out' || s === 'cover_open') return { ...WORDS[s], detail: s === 'offline' ? 'the printer did not answer when last asked' : 'the printer says so' };
  return null;
}
