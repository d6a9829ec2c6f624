// Journeys: one visit of several services in order, offered at the kiosk as one choice and served as one
// ticket that moves from line to line by itself (docs/decisions/0022-journeys.md). The admin's resource,
// its bodies, and the clerk's two journey commands.
import { z } from 'zod';
import { Id, Translated } from './domain.js';

/** A journey has 2 to 6 steps: one step is a service, and a longer visit is several. */
export const JOURNEY_MIN_STEPS = 2;
export const JOURNEY_MAX_STEPS = 6;

export const JourneyCode = z.string().regex(/^[A-Z0-9-]{2,12}$/, 'a journey code is 2 to 12 capital letters, digits or -');

export const Journey = z.object({
  id: Id,
  code: JourneyCode,
  name: Translated,
  /** Service ids in the order the citizen goes through them. */
  steps: z.array(Id),
  active: z.boolean(),
  order: z.number().int(),
});
export type Journey = z.infer<typeof Journey>;

/** A journey as `GET /journeys` lists it: with each step's service named, for the kiosk. */
export const JourneyWithSteps = Journey.extend({
  stepServices: z.array(z.object({ serviceId: Id, code: z.string(), name: Translated, agency: z.string(), agencySw: z.string().nullable() })),
  /** Every step is served by some active counter: kiosks offer only such journeys. */
  served: z.boolean(),
});
export type JourneyWithSteps = z.infer<typeof JourneyWithSteps>;

/**
 * The steps as the admin gives them. The same service twice in a row is refused (a step would follow
 * itself); the same service later in the journey is allowed (paying, then collecting at one desk).
 */
const JourneySteps = z
  .array(Id)
  .min(JOURNEY_MIN_STEPS, `A journey has at least ${JOURNEY_MIN_STEPS} steps: for one service, the kiosk offers the service itself.`)
  .max(JOURNEY_MAX_STEPS, `A journey has at most ${JOURNEY_MAX_STEPS} steps.`)
  .refine((ids) => ids.every((id, i) => i === 0 || ids[i - 1] !== id), 'The same service is twice in a row: a step cannot follow itself.');

const JourneyFields = {
  code: JourneyCode,
  name: Translated,
  steps: JourneySteps,
  active: z.boolean(),
  order: z.number().int().min(0).max(10_000),
};
export const CreateJourneyBody = z.strictObject({
  ...JourneyFields,
  active: JourneyFields.active.default(true),
  order: JourneyFields.order.optional(),
});
export type CreateJourneyBody = z.infer<typeof CreateJourneyBody>;
export const UpdateJourneyBody = z.strictObject(JourneyFields).partial();
export type UpdateJourneyBody = z.infer<typeof UpdateJourneyBody>;

/** POST /tickets/{ticketId}/journey-step: send the ticket to another step of its journey (skip or back). */
export const JourneyStepBody = z.strictObject({
  /** The step, from 1, as the counter screen numbers them. */
  step: z.number().int().min(1).max(JOURNEY_MAX_STEPS),
  note: z.string().trim().max(300).optional(),
});
export type JourneyStepBody = z.infer<typeof JourneyStepBody>;

/** POST /tickets/{ticketId}/end-journey: the visit ends here, before its last step; the note says why. */
export const EndJourneyBody = z.strictObject({ note: z.string().trim().min(1, 'Say why the journey ends here.').max(300) });
export type EndJourneyBody = z.infer<typeof EndJourneyBody>;
