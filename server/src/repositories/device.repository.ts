// Kiosks and displays, with their hashed tokens, their one-time pairing codes (hashed too) and printers.
import type { DeviceKind, PrinterProblem, PrinterSettings, PrinterStatus } from '@foleni/shared';
import type { Statements } from './statements.js';

export interface DeviceRecord {
  id: string;
  kind: DeviceKind;
  name: string;
  zone: string;
  printer: PrinterSettings | null;
  printerStatus: PrinterStatus;
  /** Why the printer last could not print (JSON in `printer_problem`); null while it can or nothing is known. */
  printerProblem: PrinterProblem | null;
  status: 'active' | 'revoked';
  lastSeenAt: number | null;
  /** When a screen took the token with a pairing code; null while none holds it. */
  pairedAt: number | null;
  /** That screen's User-Agent. */
  pairedBy: string | null;
}

/** A pairing code as stored: the code itself is never kept. */
export interface PairingCodeRecord {
  deviceId: string;
  expiresAt: number;
  usedAt: number | null;
}

interface DeviceRow {
  id: string;
  kind: DeviceKind;
  name: string;
  zone: string;
  printer_url: string | null;
  paper_width: number | null;
  printer_status: PrinterStatus;
  printer_problem: string | null;
  status: 'active' | 'revoked';
  last_seen_at: number | null;
  paired_at: number | null;
  paired_by: string | null;
}

const toRecord = (r: DeviceRow): DeviceRecord => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  zone: r.zone,
  printer: r.printer_url ? { url: r.printer_url, paperWidth: r.paper_width === 58 ? 58 : 80 } : null,
  printerStatus: r.printer_status,
  printerProblem: r.printer_problem ? (JSON.parse(r.printer_problem) as PrinterProblem) : null,
  status: r.status,
  lastSeenAt: r.last_seen_at,
  pairedAt: r.paired_at,
  pairedBy: r.paired_by,
});

const COLUMNS = 'id, kind, name, zone, printer_url, paper_width, printer_status, printer_problem, status, last_seen_at, paired_at, paired_by';

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

  /** A new device has no token until a screen pairs with one of its codes. */
  insert(d: DeviceRecord, now: number): void {
    this.q.run(
      `INSERT INTO devices (id, kind, name, zone, printer_url, paper_width, printer_status, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?)`,
      d.id,
      d.kind,
      d.name,
      d.zone,
      d.printer?.url ?? null,
      d.printer?.paperWidth ?? null,
      d.printerStatus,
      now,
    );
  }

  update(d: DeviceRecord): void {
    this.q.run(
      'UPDATE devices SET name = ?, zone = ?, printer_url = ?, paper_width = ?, printer_status = ?, printer_problem = ?, status = ? WHERE id = ?',
      d.name,
      d.zone,
      d.printer?.url ?? null,
      d.printer?.paperWidth ?? null,
      d.printerStatus,
      d.printerProblem ? JSON.stringify(d.printerProblem) : null,
      d.status,
      d.id,
    );
  }

  /** A new token (a screen paired: `pairedBy` says which) or none (withdrawn: no screen holds it). */
  setToken(id: string, token: { hash: string; pairedAt: number; pairedBy: string | null } | null): void {
    this.q.run('UPDATE devices SET token_hash = ?, paired_at = ?, paired_by = ? WHERE id = ?', token?.hash ?? null, token?.pairedAt ?? null, token?.pairedBy ?? null, id);
  }

  /** A device has one live pairing code at most: a new one ends the unused ones before it. */
  addPairingCode(deviceId: string, codeHash: string, now: number, expiresAt: number): void {
    this.endPairingCodes(deviceId, now);
    this.q.run('INSERT INTO pairing_codes (code_hash, device_id, created_at, expires_at) VALUES (?, ?, ?, ?)', codeHash, deviceId, now, expiresAt);
  }

  /** Unused codes of the device expire now (a revoked device, a newer link). */
  endPairingCodes(deviceId: string, now: number): void {
    this.q.run('UPDATE pairing_codes SET expires_at = ? WHERE device_id = ? AND used_at IS NULL AND expires_at > ?', now, deviceId, now);
  }

  pairingCode(codeHash: string): PairingCodeRecord | undefined {
    const row = this.q.first<{ device_id: string; expires_at: number; used_at: number | null }>(
      'SELECT device_id, expires_at, used_at FROM pairing_codes WHERE code_hash = ?',
      codeHash,
    );
    return row && { deviceId: row.device_id, expiresAt: row.expires_at, usedAt: row.used_at };
  }

  /** Marks a code used; false when it already was (it pairs one screen, once). */
  usePairingCode(codeHash: string, now: number): boolean {
    return this.q.run('UPDATE pairing_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL', now, codeHash).changes === 1;
  }

  touch(id: string, now: number): void {
    this.q.run('UPDATE devices SET last_seen_at = ? WHERE id = ?', now, id);
  }

  setPrinterStatus(id: string, status: PrinterStatus, problem: PrinterProblem | null): void {
    this.q.run('UPDATE devices SET printer_status = ?, printer_problem = ? WHERE id = ?', status, problem ? JSON.stringify(problem) : null, id);
  }
}
