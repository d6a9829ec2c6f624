// Between the queue and the printers: what to print for a ticket, on which printer, and what became of it.
// A ticket is valid whether or not it printed; this only ever reports, never throws for a printer.
import { KIOSK_REPRINT_MINUTES, REPRINT_LIMIT } from '@foleni/shared';
import type { PrinterSettings, PrintResult, Ticket } from '@foleni/shared';
import type { DeviceActor, StaffActor } from '../auth/actor.js';
import { hasRole } from '../auth/actor.js';
import type { Tx } from '../db/write-queue.js';
import { AppError, conflict } from '../errors.js';
import type { CentreService } from '../queue/centre.service.js';
import type { QueueViews } from '../queue/queue.views.js';
import type { DeviceRecord } from '../repositories/device.repository.js';
import type { Repositories } from '../repositories/index.js';
import type { TicketRecord } from '../repositories/ticket.repository.js';
import type { PrintJobUpdate, SubmitPrint, TicketPrint } from './print.types.js';

/** What ticket printing needs of a print service. */
export interface PrintSink {
  submitWithin(tx: Pick<Tx, 'afterCommit'>, job: SubmitPrint): PrintResult;
  reprint(job: SubmitPrint): PrintResult;
  reprintsOf(ticketRowid: number): number;
  testPrintOutcome(deviceId: string, printer: PrinterSettings, page?: { deviceName?: string; centreName?: string; timezone?: string }): Promise<PrintResult>;
  latestJobForTicket(ticketRowid: number): PrintJobUpdate | null;
  whenIdle(): Promise<void>;
}

export const NO_PRINT: PrintResult = { jobId: null, status: 'none', error: null };

/** The device a new ticket prints at: the issuing kiosk, with its printer if it has one. */
export type PrintingDevice = Pick<DeviceRecord, 'id' | 'printer'>;

export class TicketPrinting {
  constructor(
    private readonly repos: Repositories,
    private readonly centre: CentreService,
    private readonly views: Pick<QueueViews, 'ticket' | 'citizenTrackUrl'>,
    private readonly sink: PrintSink,
  ) {}

  /**
   * Inside the write that made the ticket: stores its job on the kiosk's printer (none without a printer) in
   * that write's commit; printing starts after the commit. Throws only if the job's row cannot be written.
   */
  forNewTicket(tx: Pick<Tx, 'afterCommit'>, ticket: TicketRecord, device: PrintingDevice): PrintResult {
    if (!device.printer) return NO_PRINT;
    return this.sink.submitWithin(tx, this.job(ticket, this.views.ticket(ticket), device.id, device.printer));
  }

  /**
   * Prints again on the kiosk that issued it, or else on the first kiosk with a printer, for a caller who
   * may (`mayReprint`), at most REPRINT_LIMIT times a ticket.
   */
  reprint(ticket: TicketRecord, view: Ticket, caller: StaffActor | DeviceActor, now: number): PrintResult {
    this.mayReprint(ticket, caller, now);
    this.withinReprintLimit(ticket);
    const own = ticket.deviceId ? this.repos.devices.get(ticket.deviceId) : undefined;
    const device = own?.printer && own.status === 'active' ? own : this.repos.devices.list().find((d) => d.kind === 'kiosk' && d.status === 'active' && d.printer);
    if (!device?.printer) return { jobId: null, status: 'failed', error: 'No kiosk has a printer set up.' };
    return this.sink.reprint(this.job(ticket, view, device.id, device.printer));
  }

  /** The front desk prints again on the kiosk it chose, within the same limit (routes/desk.routes.ts). */
  reprintOn(ticket: TicketRecord, view: Ticket, device: PrintingDevice): PrintResult {
    this.withinReprintLimit(ticket);
    if (!device.printer) return { jobId: null, status: 'failed', error: 'This kiosk has no printer set up.' };
    return this.sink.reprint(this.job(ticket, view, device.id, device.printer));
  }

  private withinReprintLimit(ticket: TicketRecord): void {
    // Managers too: no visit needs a fourth copy of one ticket, and the limit is what keeps any one account
    // (a manager's included) from feeding the kiosk's printer paper by the metre.
    if (this.sink.reprintsOf(ticket.rowid) >= REPRINT_LIMIT) {
      throw conflict('reprint-limit', `${ticket.label} was reprinted ${REPRINT_LIMIT} times already; it is valid without paper: the citizen can show its number or follow it on the phone.`);
    }
  }

  /**
   * Who may reprint a ticket: the citizen is in front of them. A clerk, for the ticket their counter holds or
   * last held (called, served, or sent on from there); a manager, any; the kiosk that issued it, for a few
   * minutes (its paper ran out while the citizen stood there). Others get 403.
   */
  private mayReprint(ticket: TicketRecord, caller: StaffActor | DeviceActor, now: number): void {
    if (caller.kind === 'device') {
      const recent = now - ticket.issuedAt <= KIOSK_REPRINT_MINUTES * 60_000;
      if (caller.device.kind === 'kiosk' && ticket.deviceId === caller.device.id && recent) return;
      throw new AppError(403, 'not-your-kiosk', `Only the kiosk that issued ${ticket.label}, within ${KIOSK_REPRINT_MINUTES} minutes, or staff may reprint it.`);
    }
    if (hasRole(caller, 'manager')) return;
    const holder = ticket.counterId ?? ticket.journey.at(-1)?.counterId ?? null;
    const mine = this.repos.counters.heldBy(caller.id);
    if (holder !== null && mine?.id === holder) return;
    const held = holder ? this.repos.counters.get(holder) : undefined;
    throw new AppError(
      403,
      'not-your-ticket',
      held ? `${ticket.label} is ${held.name}'s to reprint, not your counter's (or ask a manager).` : `${ticket.label} has not been at your counter: a manager may reprint it.`,
      held ? { counter: { id: held.id, name: held.name } } : undefined,
    );
  }

  /** A test page, answered once it printed or failed, with the reason. */
  async testPrint(device: DeviceRecord): Promise<PrintResult> {
    if (!device.printer) return { jobId: null, status: 'failed', error: `${device.name} has no printer set up.` };
    const centre = this.centre.get();
    return this.sink.testPrintOutcome(device.id, device.printer, { deviceName: device.name, centreName: centre.name, timezone: centre.timezone });
  }

  /** What became of a ticket's latest print. */
  lastFor(ticket: TicketRecord): PrintResult {
    const job = this.sink.latestJobForTicket(ticket.rowid);
    return job ? { jobId: job.jobId, status: job.status, error: job.error } : NO_PRINT;
  }

  /** Resolves once every job submitted so far has finished (printed, previewed or failed). */
  whenIdle(): Promise<void> {
    return this.sink.whenIdle();
  }

  content(ticket: TicketRecord, view: Ticket): TicketPrint {
    const centre = this.centre.get();
    const service = this.repos.services.getAny(ticket.serviceId)!;
    return {
      centreName: centre.name,
      label: ticket.label,
      serviceName: service.name[ticket.lang],
      priority: ticket.priority,
      lang: ticket.lang,
      issuedAt: ticket.issuedAt,
      timezone: centre.timezone,
      ahead: view.position === null ? null : view.position - 1,
      estimatedWaitMinutes: view.estimatedWaitMinutes,
      // The printed QR is the citizen's own link, with the key that lets them rate the visit.
      trackUrl: this.views.citizenTrackUrl(ticket),
      wifiName: centre.wifiName,
      footer: centre.ticketFooter[ticket.lang],
      ...(ticket.notBefore !== null ? { bookedFor: ticket.arrivalAt } : {}),
      journey: view.onJourney
        ? { name: view.onJourney.name[ticket.lang], steps: view.onJourney.steps.map((s) => s.name[ticket.lang]), current: view.onJourney.step - 1 }
        : null,
    };
  }

  private job(ticket: TicketRecord, view: Ticket, deviceId: string, printer: PrinterSettings): SubmitPrint {
    return { ticketRowid: ticket.rowid, deviceId, printer, content: this.content(ticket, view) };
  }
}
