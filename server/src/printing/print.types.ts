// The contract between the queue (which decides what to print) and the printing path (which gets it on paper).
import type { Lang, PrinterProblem, PrinterSettings, PrinterStatus, PrintJobStatus, Priority } from '@foleni/shared';

/** Everything printed on a ticket, already in the ticket's language. */
export interface TicketPrint {
  centreName: string;
  label: string;
  serviceName: string;
  priority: Priority;
  lang: Lang;
  /** UTC ms; printed in `timezone`. */
  issuedAt: number;
  timezone: string;
  /** People ahead when it was printed; null once it is no longer waiting (a reprint after its call). */
  ahead: number | null;
  /** Null while no open counter serves its service (or once it is no longer waiting). */
  estimatedWaitMinutes: number | null;
  /** Absolute URL the QR code points to. */
  trackUrl: string;
  /** The Wi-Fi phones join to open `trackUrl`, printed beside the QR code; absent or null: none. */
  wifiName?: string | null;
  footer: string;
  /** A booked ticket's slot start (UTC ms), printed as "Booked 10:30 / Miadi: 10:30"; absent for a walk-in. */
  bookedFor?: number | null;
  /** A journey ticket: the journey's name and its steps' services, in order, and the step (from 0) it is at. */
  journey?: { name: string; steps: string[]; current: number } | null;
}

export interface PrintJobUpdate {
  jobId: string;
  ticketRowid: number | null;
  deviceId: string | null;
  status: PrintJobStatus;
  attempts: number;
  error: string | null;
}

export interface PrinterStatusUpdate {
  deviceId: string;
  status: PrinterStatus;
  /** Why it cannot print; null while it can, or while nothing is known. */
  problem: PrinterProblem | null;
}

export interface SubmitPrint {
  ticketRowid: number | null;
  deviceId: string;
  printer: PrinterSettings;
  content: TicketPrint;
}
