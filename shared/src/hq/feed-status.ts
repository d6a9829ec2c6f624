// What the centre's admin sees of the head-office link: how far the live feed has been acknowledged, when
// head office last answered, and the last problem in words.
import { z } from 'zod';
import { IsoTime } from '../domain.js';

export const HQ_FEED_STATES = ['off', 'sending', 'caught-up', 'retrying'] as const;

export const HqFeedStatus = z.object({
  /** off: FOLENI_HQ_URL and FOLENI_HQ_KEY are not set. retrying: the last attempt failed; the next is at nextAttemptAt. */
  state: z.enum(HQ_FEED_STATES),
  /** Head office's address (no key), or null when off. */
  hqUrl: z.string().nullable(),
  /** Head office holds every event up to this seq. */
  sentUpToSeq: z.number().int(),
  /** The centre's newest event. */
  latestSeq: z.number().int(),
  /** When head office last answered (any answer: a refusal is contact too). */
  lastContactAt: IsoTime.nullable(),
  /** The last failure in words, cleared by the next acknowledged batch. */
  lastError: z.string().nullable(),
  lastErrorAt: IsoTime.nullable(),
  nextAttemptAt: IsoTime.nullable(),
});
export type HqFeedStatus = z.infer<typeof HqFeedStatus>;
