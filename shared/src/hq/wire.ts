// The wire between a centre and head office: the live feed (POST /hq/api/v1/ingest) and the day bundle an
// outreach laptop carries by file (POST /hq/api/v1/import). Both sides parse with these schemas.
import { z } from 'zod';

/** Most events one ingest batch may carry, and its largest body. */
export const INGEST_MAX_EVENTS = 5_000;
export const INGEST_MAX_BYTES = 5 * 1024 * 1024;

/**
 * One line of a centre's event NDJSON export. Unknown fields and unknown types are kept: new kinds of event
 * appear as the centre grows, and head office stores what it does not yet read.
 */
export const HqEvent = z.looseObject({
  seq: z.number().int().positive(),
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

/** `POST /hq/api/v1/ingest`: events in seq order, contiguous from `fromSeq`. */
export const IngestBody = z.object({
  fromSeq: z.number().int().positive(),
  events: z.array(HqEvent).max(INGEST_MAX_EVENTS),
});
export type IngestBody = z.infer<typeof IngestBody>;

/** 200: the highest seq head office now holds contiguously for the centre. */
export const IngestAnswer = z.object({ ackSeq: z.number().int().nonnegative() });
export type IngestAnswer = z.infer<typeof IngestAnswer>;

/** 409: `fromSeq` is past `ackSeq + 1`; send again from `needSeq`. */
export const SeqGapAnswer = z.object({
  error: z.object({ code: z.literal('seq-gap'), message: z.string() }),
  needSeq: z.number().int().positive(),
});
export type SeqGapAnswer = z.infer<typeof SeqGapAnswer>;

/**
 * The first line of a day bundle (`application/x-ndjson`); one event per line follows. `sha256` is the hex
 * digest of the bytes after the first newline, exactly as they are in the file.
 */
export const BundleManifest = z.object({
  kind: z.literal('foleni-day-bundle'),
  version: z.literal(1),
  centre: z.object({ code: z.string().min(1), name: z.string() }),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  fromSeq: z.number().int().nonnegative(),
  toSeq: z.number().int().nonnegative(),
  count: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type BundleManifest = z.infer<typeof BundleManifest>;
