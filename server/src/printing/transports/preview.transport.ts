// No printer (outreach laptops, demos): the ticket is shown on the kiosk screen, and its bytes are kept as
// `<dataDir>/previews/<jobId>.bin` with a readable `<jobId>.txt` beside them, for support and for tests.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeEscPos } from '../escpos-text.js';
import { PrintError, errorMessage } from '../print-error.js';
import type { PrintTransport, TransportJob, TransportResult } from './transport.types.js';

export class PreviewTransport implements PrintTransport {
  readonly url = 'preview';
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'previews');
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
