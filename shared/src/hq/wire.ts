// The wire between a centre and head office: the live feed (POST /hq/api/v1/ingest) and the day bundle an
// outreach laptop carries by hand. Both ends parse with these schemas; see docs/architecture.md.
import { z } from 'zod';

/** At most this many events in one ingest batch. */
export const INGEST_MAX_EVENTS = 5000;
/** At most this many bytes in one ingest body (5 MB). */
export const INGEST_MAX_BYTES = 5_000_000;

/**
 * One line of a centre's event log as exported (NDJSON): the raw event with readable names beside its ids.
 * `type` is open: every kind of event the centre writes (tickets, counters, bookings, journeys, SMS…) is
 * sent as it is, and head office keeps fields it does not read yet.
 */
export const HqEvent = z.looseObject({
  seq: z.number().int().min(1),
  at: z.string(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  type: z.string().min(1),
  ticketId: z.string().nullable().optional(),
  label: z.string().nullable().optional(),
  serviceId: z.string().nullable().optional(),
  serviceCode: z.string().nullable().optional(),
  counterId: z.string().nullable().optional(),
  counterName: z.string().nullable().optional(),
  userId: z.string().nullable().optional(),
  data: z.unknown().optional(),
});
export type HqEvent = z.infer<typeof HqEvent>;

/**
 * `POST {FOLENI_HQ_URL}/hq/api/v1/ingest` with `Authorization: Bearer <FOLENI_HQ_KEY>`: events in seq order,
 * contiguous in the centre's log from `fromSeq`.
 */
export const IngestBody = z.object({
  fromSeq: z.number().int().min(1),
  events: z.array(HqEvent).max(INGEST_MAX_EVENTS),
});
export type IngestBody = z.infer<typeof IngestBody>;

/** 200: the highest seq head office now holds contiguously. Idempotent on (centre, seq). */
export const IngestAnswer = z.object({ ackSeq: z.number().int().min(0) });
export type IngestAnswer = z.infer<typeof IngestAnswer>;

/** 409 when `fromSeq > ackSeq + 1`: the centre sends again from `needSeq`. */
export const SeqGapAnswer = z.object({
  error: z.object({ code: z.literal('seq-gap'), message: z.string() }),
  needSeq: z.number().int().min(1),
});
export type SeqGapAnswer = z.infer<typeof SeqGapAnswer>;

export const DAY_BUNDLE_KIND = 'foleni-day-bundle';

/**
 * The first line of a day bundle (`application/x-ndjson`). The event lines follow it, one a line, each ending
 * with a newline; `sha256` is the hex SHA-256 of every byte after the manifest's newline, exactly as sent.
 * `fromSeq` and `toSeq` are the first and last seq of the file (0 and 0 for a day without events): a day's
 * events need not be contiguous in the log (feedback given days later keeps its visit's day).
 */
export const DayBundleManifest = z.object({
  kind: z.literal(DAY_BUNDLE_KIND),
  version: z.literal(1),
  centre: z.object({ code: z.string().min(1), name: z.string() }),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  fromSeq: z.number().int().min(0),
  toSeq: z.number().int().min(0),
  count: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type DayBundleManifest = z.infer<typeof DayBundleManifest>;
