// Kiosks and displays as staff see them: connected or not, last seen, printer status. Presence comes
// from their sockets; a change is pushed to managers as `device:updated`.
import type { Device, PrinterProblem, PrinterStatus } from '@foleni/shared';
import type { Clock } from '../clock.js';
import { isoOrNull } from '../clock.js';
import type { DeviceRecord } from '../repositories/device.repository.js';
import type { WriteQueue } from '../db/write-queue.js';
import type { Repositories } from '../repositories/index.js';

export type DeviceListener = (device: Device) => void;

export class DeviceService {
  private sockets = new Map<string, number>();
  private listeners: DeviceListener[] = [];

  constructor(
    private readonly repos: Repositories,
    private readonly clock: Clock,
    private readonly writes: WriteQueue,
  ) {}

  onChange(listener: DeviceListener): void {
    this.listeners.push(listener);
  }

  isConnected(id: string): boolean {
    return (this.sockets.get(id) ?? 0) > 0;
  }

  view(d: DeviceRecord): Device {
    return {
      id: d.id,
      kind: d.kind,
      name: d.name,
      zone: d.zone,
      printer: d.printer,
      printerStatus: d.printer ? d.printerStatus : 'unknown',
      printerProblem: d.printer ? d.printerProblem : null,
      status: d.status,
      connected: this.isConnected(d.id),
      lastSeenAt: isoOrNull(d.lastSeenAt),
      pairedAt: isoOrNull(d.pairedAt),
      pairedBy: d.pairedBy,
    };
  }

  list(): Device[] {
    return this.repos.devices.list().map((d) => this.view(d));
  }

  connected(id: string): void {
    const n = (this.sockets.get(id) ?? 0) + 1;
    this.sockets.set(id, n);
    this.seen(id, n === 1);
  }

  disconnected(id: string): void {
    const n = (this.sockets.get(id) ?? 1) - 1;
    if (n <= 0) this.sockets.delete(id);
    else this.sockets.set(id, n);
    this.seen(id, n <= 0);
  }

  /**
   * Through the write queue: sixty screens coming back after a Wi-Fi blip share a commit instead of costing
   * an fsync each on the event loop.
   */
  private seen(id: string, tell: boolean): void {
    const now = this.clock.now();
    this.writes
      .run(() => this.repos.devices.touch(id, now))
      .then(() => tell && this.changed(id))
      .catch(() => undefined);
  }

  setPrinterStatus(id: string, status: PrinterStatus, problem: PrinterProblem | null = null): void {
    this.writes
      .run(() => {
        const d = this.repos.devices.get(id);
        if (!d || (d.printerStatus === status && d.printerProblem?.detail === problem?.detail)) return false;
        this.repos.devices.setPrinterStatus(id, status, problem);
        return true;
      })
      .then((moved) => moved && this.changed(id))
      .catch(() => undefined);
  }

  changed(id: string): void {
    const d = this.repos.devices.get(id);
    if (!d) return;
    const view = this.view(d);
    for (const l of this.listeners) l(view);
  }
}
