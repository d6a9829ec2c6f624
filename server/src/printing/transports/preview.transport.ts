// No printer (outreach laptops, demos): the ticket is shown on the kiosk screen, and its bytes are kept as
// `<dataDir>/previews/<jobId>.bin` with a readable `<jobId>.txt` beside them, for support and for tests.
// Kept for a while only: `prunePreviews` deletes old ones.
import { mkdir, opendir, stat, unlink, writeFile } from 'node:fs/promises';
import type { Dir } from 'node:fs';
import { join } from 'node:path';
import { decodeEscPos } from '../escpos-text.js';
import { PrintError, errorMessage } from '../print-error.js';
import type { PrintTransport, TransportJob, TransportResult } from './transport.types.js';

export const previewDir = (dataDir: string): string => join(dataDir, 'previews');

/** Only the files this transport writes are ever deleted, whatever else someone keeps in the folder. */
const PREVIEW_FILE = /^\d+\.(bin|txt)$/;

export class PreviewTransport implements PrintTransport {
  readonly url = 'preview';
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = previewDir(dataDir);
  }

  async print(job: TransportJob): Promise<TransportResult> {
    try {
      await mkdir(this.dir, { recursive: true });
      await writeFile(join(this.dir, `${job.jobId}.bin`), job.bytes);
      await writeFile(join(this.dir, `${job.jobId}.txt`), decodeEscPos(job.bytes).text + '\n');
    } catch (err) {
      throw new PrintError(`could not keep the ticket preview in ${this.dir}: ${errorMessage(err)}`, null);
    }
    return { outcome: 'preview', status: 'preview' };
  }

  close(): void {
    // Nothing held open.
  }
}

export interface PruneOptions {
  /** Files last written longer ago than this are deleted. */
  olderThanMs: number;
  /** The machine's time: file times are the machine's, not the centre's injected clock. */
  now: number;
  /** At most this many files deleted in one run, so a neglected folder is cleared over a few runs. */
  limit: number;
}

/** Deletes old preview files from `dir` (a missing folder has none); resolves with how many went. */
export async function prunePreviews(dir: string, opts: PruneOptions): Promise<number> {
  let entries: Dir;
  try {
    // Read as a stream: a folder of a busy month holds many thousands of names.
    entries = await opendir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  let removed = 0;
  for await (const entry of entries) {
    if (removed >= opts.limit) break;
    if (!entry.isFile() || !PREVIEW_FILE.test(entry.name)) continue;
    const path = join(dir, entry.name);
    try {
      if (opts.now - (await stat(path)).mtimeMs < opts.olderThanMs) continue;
      await unlink(path);
      removed++;
    } catch (err) {
      // Gone meanwhile (another run, or someone tidying by hand): nothing to do.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  return removed;
}
