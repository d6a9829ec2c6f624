// Backups by themselves: a consistent copy of the database (SQLite's online backup, as backup.ts) written to
// FOLENI_BACKUP_DIR (a USB stick's mount point, say) at the day's close and every few hours, named with the
// centre's local time (foleni-<centre>-2026-12-07-1730.db), the last N kept. Time comes from the injected
// clock, checked once a minute: tests drive the schedule with a manual clock, never real hours.
import { accessSync, constants, existsSync, readdirSync, renameSync, rmSync, statfsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { dayIn, hoursOn, timeOfDayIn } from '@foleni/shared';
import type { BackupStatus, Centre } from '@foleni/shared';
import type { Clock } from '../clock.js';
import type { Db } from '../db/db.js';

export interface BackupSettings {
  /** null: no backup is written by itself. */
  dir: string | null;
  everyHours: number;
  keep: number;
}

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = { dir: null, everyHours: 3, keep: 14 };

export interface BackupScheduleOptions extends BackupSettings {
  db: Db;
  clock: Clock;
  centre(): Pick<Centre, 'code' | 'timezone' | 'openingHours'>;
  log: { info(msg: string, fields?: Record<string, unknown>): void; warn(msg: string, fields?: Record<string, unknown>): void };
  /** How often the clock is looked at (default a minute); 0: never by itself (tests call `tick`). */
  checkEveryMs?: number;
  /**
   * "Nearly full" below this many free bytes in the folder, or below one more copy and a margin if that is
   * more (the default: only that). Read against the folder's real free space (statfs).
   */
  warnFreeBelowBytes?: number;
}

const HOUR_MS = 3_600_000;
const NAME = /^foleni-(.+)-(\d{4}-\d{2}-\d{2})-(\d{2})(\d{2})\.db$/;
/** Room kept free beyond one more copy, so the stick never fills to the last byte. */
const MARGIN_BYTES = 16 * 1024 * 1024;

/** `foleni-<centre>-YYYY-MM-DD-HHMM.db`, in the centre's own time zone. */
export function scheduledBackupName(centreCode: string, at: number, timeZone: string): string {
  const code = centreCode.replace(/[^A-Za-z0-9_-]+/g, '-') || 'centre';
  return `foleni-${code}-${dayIn(at, timeZone)}-${timeOfDayIn(at, timeZone).replace(':', '')}.db`;
}

interface Written {
  file: string;
  at: number;
  bytes: number;
}

export class BackupSchedule {
  private last: Written | null = null;
  private lastError: string | null = null;
  private running: Promise<Written | null> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly opts: BackupScheduleOptions) {
    this.last = this.files()[0] ?? null;
  }

  get enabled(): boolean {
    return this.opts.dir !== null;
  }

  start(): void {
    const every = this.opts.checkEveryMs ?? 60_000;
    if (!this.enabled || every <= 0 || this.timer) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), every);
    // A backup timer alone must not keep a process (or a test run) alive.
    this.timer.unref();
  }

  /** Stops the timer and waits for a backup under way: the database must not close under it. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Writes a backup if one is due (the day's close passed since the last, or `everyHours` went by). */
  async tick(): Promise<Written | null> {
    if (!this.enabled || this.running) return this.running ?? null;
    const why = this.due(this.opts.clock.now());
    return why ? this.backupNow(why) : null;
  }

  /** Writes a backup now, whatever the schedule; null (with `lastError`) when it could not. */
  backupNow(reason = 'asked'): Promise<Written | null> {
    this.running ??= this.write(reason).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  status(): BackupStatus {
    const dir = this.opts.dir;
    const iso = (w: Written) => ({ file: w.file, at: new Date(w.at).toISOString(), bytes: w.bytes });
    let freeBytes: number | null = null;
    let problem: string | null = null;
    if (dir !== null) {
      try {
        const fs = statfsSync(dir);
        freeBytes = fs.bavail * fs.bsize;
        accessSync(dir, constants.W_OK);
        const copy = this.databaseBytes() + MARGIN_BYTES;
        const need = Math.max(copy, this.opts.warnFreeBelowBytes ?? 0);
        if (freeBytes < need) {
          const wanted = need === copy ? `a backup needs about ${mb(copy)}` : `under the ${mb(need)} to keep free (a backup needs about ${mb(copy)})`;
          problem = `The backup folder ${dir} is nearly full: ${mb(freeBytes)} free, ${wanted}. Delete old files or use a bigger stick.`;
        }
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        problem =
          code === 'ENOENT'
            ? `The backup folder ${dir} is missing: plug in the USB stick (or make the folder), and check FOLENI_BACKUP_DIR.`
            : `The server may not write to the backup folder ${dir} (${code ?? String(err)}): give the service's user (foleni) write access.`;
      }
    }
    return {
      dir,
      everyHours: this.opts.everyHours,
      keep: this.opts.keep,
      last: this.last && iso(this.last),
      lastError: this.lastError,
      files: this.files().map(iso),
      freeBytes,
      problem: problem ?? (this.lastError ? `The last backup failed: ${this.lastError}` : null),
    };
  }

  /** The folder's backups of any centre, newest first. */
  files(): Written[] {
    const dir = this.opts.dir;
    if (dir === null || !existsSync(dir)) return [];
    const out: Written[] = [];
    for (const file of readdirSync(dir)) {
      if (!NAME.test(file)) continue;
      try {
        const st = statSync(join(dir, file));
        out.push({ file, at: st.mtimeMs, bytes: st.size });
      } catch {
        // removed meanwhile
      }
    }
    // By the local time in the name, then by when the file was written.
    return out.sort((a, b) => b.file.slice(-18).localeCompare(a.file.slice(-18)) || b.at - a.at);
  }

  private due(now: number): string | null {
    if (!this.last) return 'first';
    if (now - this.last.at >= this.opts.everyHours * HOUR_MS) return `every ${this.opts.everyHours} h`;
    const c = this.opts.centre();
    const today = dayIn(now, c.timezone);
    const hours = hoursOn(c.openingHours, today);
    if (!hours) return null;
    const closing = `${today} ${hours.closes}`;
    const stamp = (ms: number) => `${dayIn(ms, c.timezone)} ${timeOfDayIn(ms, c.timezone)}`;
    return stamp(now) >= closing && stamp(this.last.at) < closing ? 'day closed' : null;
  }

  private async write(reason: string): Promise<Written | null> {
    const dir = this.opts.dir;
    if (dir === null) return null;
    const at = this.opts.clock.now();
    const c = this.opts.centre();
    const file = scheduledBackupName(c.code, at, c.timezone);
    const part = join(dir, `.${file}.part`);
    try {
      // Into a hidden part file, renamed when whole: a stick pulled out mid-copy leaves no file that looks good.
      await this.opts.db.backup(part);
      renameSync(part, join(dir, file));
      const written: Written = { file, at, bytes: statSync(join(dir, file)).size };
      this.last = written;
      this.lastError = null;
      this.opts.log.info('backup written', { dir, file, bytes: written.bytes, reason });
      this.prune(c.code);
      return written;
    } catch (err) {
      rmSync(part, { force: true });
      this.lastError = err instanceof Error ? err.message : String(err);
      // The next check tries again; the time of the last good one stays.
      this.opts.log.warn('backup failed', { dir, file, reason, error: this.lastError });
      return null;
    }
  }

  /** Keeps this centre's newest `keep` backups; another centre's files and other files are left alone. */
  private prune(centreCode: string): void {
    const dir = this.opts.dir!;
    const code = centreCode.replace(/[^A-Za-z0-9_-]+/g, '-') || 'centre';
    const mine = this.files().filter((f) => NAME.exec(f.file)?.[1] === code);
    for (const old of mine.slice(this.opts.keep)) {
      try {
        rmSync(join(dir, old.file));
        this.opts.log.info('old backup deleted', { dir, file: old.file });
      } catch (err) {
        this.opts.log.warn('could not delete an old backup', { dir, file: old.file, error: String(err) });
      }
    }
  }

  private databaseBytes(): number {
    let bytes = 0;
    for (const s of ['', '-wal']) {
      try {
        bytes += statSync(this.opts.db.name + s).size;
      } catch {
        // no WAL
      }
    }
    return bytes;
  }
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
