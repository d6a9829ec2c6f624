// A citizen at a kiosk asks for a member of staff ("Help / Msaada"); staff see it live and say who is coming.
// The server keeps the requests (server/src/kiosk-help/); see docs/decisions/0028-kiosk-help-requests.md.
import { z } from 'zod';
import { Id, IsoTime } from './domain.js';

/** A request answered this long ago leaves the staff's banner: whoever answered has reached the kiosk by then. */
export const HELP_ANSWERED_SHOWN_MS = 10 * 60_000;
/** Unanswered, it stays on every staff screen this long (after that the kiosk's citizen has surely left). */
export const HELP_OPEN_KEPT_MS = 12 * 60 * 60_000;

export const HelpRequest = z.object({
  id: Id,
  deviceId: Id,
  /** The kiosk's name as the admin gave it ("Entrance kiosk"): where staff go. */
  kioskName: z.string(),
  askedAt: IsoTime,
  answeredAt: IsoTime.nullable(),
  /** The staff member who said "I'm coming" (display name), null until then. */
  answeredBy: z.object({ id: Id, name: z.string() }).nullable(),
});
export type HelpRequest = z.infer<typeof HelpRequest>;

/** `kiosk:help`: a request was made or answered; to staff and to the kiosk that asked. Carries the current seq. */
export const HelpEvent = z.object({ seq: z.number().int(), at: IsoTime, request: HelpRequest });
export type HelpEvent = z.infer<typeof HelpEvent>;
