// What every way of getting bytes to paper offers the print service.
import type { PrinterStatus } from '@foleni/shared';

export interface TransportJob {
  jobId: string;
  bytes: Uint8Array;
}

export interface TransportResult {
  /** `done` = the printer confirmed it; `preview` = kept as a file, no printer involved. */
  outcome: 'done' | 'preview';
  /** The printer's status after the job. */
  status: PrinterStatus;
}

export interface PrintTransport {
  readonly url: string;
  /** Prints one job. Rejects with a PrintError whose message a person can read. */
  print(job: TransportJob): Promise<TransportResult>;
  /** Asks the printer how it is without printing; absent when the transport cannot ask. */
  readStatus?(): Promise<PrinterStatus>;
  /** Drops open connections; later calls may open new ones. */
  close(): void;
}

/** Every time-out of the printing path, in ms. Bounded so that a dead printer never holds a queue for long. */
export interface PrintTimeouts {
  /** TCP connect. */
  connectMs: number;
  /** One DLE EOT reply. */
  statusReplyMs: number;
  /** The GS r 1 reply after a job: includes printing and cutting it. */
  jobReplyMs: number;
  /** One write to a USB printer device file. */
  usbWriteMs: number;
}

export const DEFAULT_TIMEOUTS: PrintTimeouts = {
  connectMs: 3000,
  statusReplyMs: 3000,
  jobReplyMs: 15000,
  usbWriteMs: 10000,
};
