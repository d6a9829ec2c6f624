// What the status bytes of an Epson-class ESC/POS printer mean, in one place: the TCP transport reads them,
// the fake printer writes them. Source: Epson ESC/POS command reference, "DLE EOT" and "GS r" (the same
// tables appear in the TM-T88III/TM-U220 manuals).
import type { PrinterStatus } from '@foleni/shared';

/** DLE EOT n: real-time status; answered at once, even while the printer is offline. */
export const dleEot = (n: 1 | 2 | 4): Uint8Array => Uint8Array.of(0x10, 0x04, n);
/** GS r 1: paper sensor status; answered only after every byte before it was processed (printed). */
export const GS_R_1 = Uint8Array.of(0x1d, 0x72, 0x01);

/** Bits 1 and 4 are always on in a DLE EOT reply, bits 0 and 7 always off: 0x12 is "nothing to report". */
export const DLE_EOT_FIXED = 0x12;

// DLE EOT 1, printer status.
export const PRINTER_OFFLINE = 0x08;
// DLE EOT 2, offline cause.
export const CAUSE_COVER_OPEN = 0x04;
export const CAUSE_PAPER_END_STOP = 0x20;
export const CAUSE_ERROR = 0x40;
// DLE EOT 4, roll paper sensor.
export const PAPER_NEAR_END = 0x0c;
export const PAPER_END = 0x60;
// GS r 1, paper sensor (bit 4 always off, which tells it apart from a DLE EOT reply).
export const GS_R_NEAR_END = 0x03;
export const GS_R_PAPER_END = 0x0c;

/** The three real-time replies, as read from DLE EOT 1, 2 and 4. */
export interface RealtimeStatus {
  printer: number;
  offlineCause: number;
  paper: number;
}

/**
 * Cover first: with the cover open the paper sensor may read wrong (Epson's note on GS r), so "cover open"
 * is the truer thing to tell staff. Near end still prints, so it comes after every stopping cause.
 */
export function printerStatusOf(s: RealtimeStatus): PrinterStatus {
  if (s.offlineCause & CAUSE_COVER_OPEN) return 'cover_open';
  if (s.paper & PAPER_END || s.offlineCause & CAUSE_PAPER_END_STOP) return 'paper_out';
  if (s.printer & PRINTER_OFFLINE || s.offlineCause & CAUSE_ERROR) return 'offline';
  if (s.paper & PAPER_NEAR_END) return 'paper_near_end';
  return 'online';
}

/** The replies a real printer in this state gives; the fake printer answers with these. */
export function realtimeStatusFor(status: PrinterStatus): RealtimeStatus {
  const ok = { printer: DLE_EOT_FIXED, offlineCause: DLE_EOT_FIXED, paper: DLE_EOT_FIXED };
  switch (status) {
    case 'offline':
      return { ...ok, printer: DLE_EOT_FIXED | PRINTER_OFFLINE, offlineCause: DLE_EOT_FIXED | CAUSE_ERROR };
    case 'cover_open':
      return { ...ok, printer: DLE_EOT_FIXED | PRINTER_OFFLINE, offlineCause: DLE_EOT_FIXED | CAUSE_COVER_OPEN };
    case 'paper_out':
      return {
        printer: DLE_EOT_FIXED | PRINTER_OFFLINE,
        offlineCause: DLE_EOT_FIXED | CAUSE_PAPER_END_STOP,
        // An empty roll has passed the near-end sensor too.
        paper: DLE_EOT_FIXED | PAPER_NEAR_END | PAPER_END,
      };
    case 'paper_near_end':
      return { ...ok, paper: DLE_EOT_FIXED | PAPER_NEAR_END };
    default:
      return ok;
  }
}

/** Statuses in which a printer takes a job and prints it. */
export function canPrint(status: PrinterStatus): boolean {
  return status === 'online' || status === 'paper_near_end';
}

/** The plain sentence staff and logs see for a status that stops printing. */
export function statusSentence(status: PrinterStatus): string {
  switch (status) {
    case 'paper_out':
      return 'printer paper out';
    case 'cover_open':
      return 'printer cover open';
    case 'paper_near_end':
      return 'printer paper nearly out';
    case 'online':
      return 'printer online';
    default:
      return 'printer offline';
  }
}

export type PaperSensor = 'adequate' | 'near_end' | 'end';

export function paperSensorOfGsR(reply: number): PaperSensor {
  if (reply & GS_R_PAPER_END) return 'end';
  if (reply & GS_R_NEAR_END) return 'near_end';
  return 'adequate';
}

export function gsRReplyFor(status: PrinterStatus): number {
  if (status === 'paper_out') return GS_R_PAPER_END | GS_R_NEAR_END;
  if (status === 'paper_near_end') return GS_R_NEAR_END;
  return 0x00;
}
