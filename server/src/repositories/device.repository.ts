// Kiosks and displays, with their hashed pairing tokens and printers.
import type { DeviceKind, PrinterSettings, PrinterStatus } from '@foleni/shared';
import type { Statements } from './statements.js';

export interface DeviceRecord {
  id: string;
  kind: DeviceKind;
  name: string;
  zone: string;
  printer: PrinterSettings | null;
  printerStatus: PrinterStatus;
  status: 'active' | 'revoked';
  lastSeenAt: number | null;
}

interface DeviceRow {
  id: string;
  kind: DeviceKind;
  name: string;
  zone: string;
  printer_url: string | null;
  paper_width: number | null;
  printer_status: PrinterStatus;
  status: 'active' | 'revoked';
  last_seen_at: number | null;
}

const toRecord = (r: DeviceRow): DeviceRecord => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  zone: r.zone,
  printer: r.printer_url ? { url: r.printer_url, paperWidth: r.paper_width === 58 ? 58 : 80 } : null,
  printerStatus: r.printer_status,
  status: r.status,
  lastSeenAt: r.last_seen_at,
});

const COLUMNS = 'id, kind, name, zone, printer_url, paper_width, printer_status, status, last_seen_at';

export class DeviceRepository {
  constructor(private readonly q: Statements) {}

  list(): DeviceRecord[] {
    return this.q.all<DeviceRow>(`SELECT ${COLUMNS} FROM devices ORDER BY kind, name`).map(toRecord);
  }

  get(id: string): DeviceRecord | undefined {
    const row = this.q.first<DeviceRow>(`SELECT ${COLUMNS} FROM devices WHERE id = ?`, id);
    return row && toRecord(row);
  }

  byTokenHash(hash: string): DeviceRecord | undefined {
    const row = this.q.first<DeviceRow>(`SELECT ${COLUMNS} FROM devices WHERE token_hash = ? AND status = 'active'`, hash);
    return row && toRecord(row);
  }

  insert(d: DeviceRecord, tokenHash: string, now: number): void {
    this.q.run(
      `INSERT INTO devices (id, kind, name, zone, token_hash, printer_url, paper_width, printer_status, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?)`,
      d.id,
      d.kind,
      d.name,
      d.zone,
      tokenHash,
      d.printer?.url ?? null,
      d.printer?.paperWidth ?? null,
      d.printerStatus,
      now,
    );
  }

  update(d: DeviceRecord): void {
    this.q.run(
      'UPDATE devices SET name = ?, zone = ?, printer_url = ?, paper_width = ?, printer_status = ?, status = ? WHERE id = ?',
      d.name,
      d.zone,
      d.printer?.url ?? null,
      d.printer?.paperWidth ?? null,
      d.printerStatus,
      d.status,
      d.id,
    );
  }

  setToken(id: string, tokenHash: string | null): void {
    this.q.run('UPDATE devices SET token_hash = ? WHERE id = ?', tokenHash, id);
  }

  touch(id: string, now: number): void {
    this.q.run('UPDATE devices SET last_seen_at = ? WHERE id = ?', now, id);
  }

  setPrinterStatus(id: string, status: PrinterStatus): void {
    this.q.run('UPDATE devices SET printer_status = ? WHERE id = ?', status, id);
  }
}
