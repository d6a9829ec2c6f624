// Reads and checks a day bundle: a manifest line, then one event per line. Every way a file can be damaged
// or altered is refused with the reason, before anything is stored.
import { createHash } from 'node:crypto';
import { DayBundleManifest, HqEvent } from '@foleni/shared';
import { AppError } from '@foleni/server/errors.js';
import { eventProblem } from './ticket-fold.js';

export interface DayBundle {
  manifest: DayBundleManifest;
  events: HqEvent[];
}

const refused = (code: string, message: string) => new AppError(400, code, message);

export function readDayBundle(file: Buffer): DayBundle {
  const nl = file.indexOf(0x0a);
  if (nl < 0) throw refused('bundle-damaged', 'The file has no manifest line: it is not a Foleni day bundle, or it was cut short.');
  let manifestJson: unknown;
  try {
    manifestJson = JSON.parse(file.subarray(0, nl).toString('utf8'));
  } catch {
    throw refused('bundle-damaged', 'The first line is not a readable manifest: the file is not a Foleni day bundle, or it is damaged.');
  }
  const parsed = DayBundleManifest.safeParse(manifestJson);
  if (!parsed.success) {
    throw refused('bundle-damaged', `The manifest is not a Foleni day bundle's (${parsed.error.issues.map((i) => `${i.path.join('.') || 'manifest'}: ${i.message}`).join('; ')}).`);
  }
  const manifest = parsed.data;
  const rest = file.subarray(nl + 1);
  const digest = createHash('sha256').update(rest).digest('hex');
  if (digest !== manifest.sha256) {
    throw refused('bundle-altered', 'The events do not match the manifest\'s checksum (sha256): the file was altered or damaged after it was made. Download the day bundle again at the centre.');
  }
  const lines = rest.toString('utf8').split('\n').filter((l) => l.trim() !== '');
  if (lines.length !== manifest.count) {
    throw refused('bundle-count-mismatch', `The manifest says ${manifest.count} events and the file holds ${lines.length}.`);
  }
  const events: HqEvent[] = [];
  for (const [i, line] of lines.entries()) {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw refused('bundle-damaged', `Event line ${i + 2} is not valid JSON.`);
    }
    const e = HqEvent.safeParse(json);
    if (!e.success) throw refused('bundle-damaged', `Event line ${i + 2} is not an event: ${e.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}.`);
    const problem = eventProblem(e.data);
    if (problem) throw refused('bundle-damaged', `Event line ${i + 2} cannot be stored: ${problem}.`);
    events.push(e.data);
  }
  if (events.length > 0) {
    // A day's events need not be one unbroken run of the log (feedback given days later keeps its visit's
    // day); they must only come in the log's order, each once.
    const broken = events.findIndex((e, i) => i > 0 && e.seq <= events[i - 1]!.seq);
    if (broken >= 0) throw refused('bundle-seq-order', `The events are not in the log's order: seq ${events[broken]!.seq} comes after ${events[broken - 1]!.seq}.`);
    const first = events[0]!.seq;
    if (first !== manifest.fromSeq || events.at(-1)!.seq !== manifest.toSeq) {
      throw refused('bundle-seq-mismatch', `The manifest says seq ${manifest.fromSeq} to ${manifest.toSeq} and the events run ${first} to ${events.at(-1)!.seq}.`);
    }
  }
  return { manifest, events };
}
