// Journeys: the public list the kiosk offers, the admin's settings, and the clerk's two journey commands
// (send to another step, end early). The rules are in queue/journey-steps.ts and admin/journey-admin.service.ts.
import { CreateJourneyBody, UpdateJourneyBody } from '@foleni/shared';
import type { JourneyWithSteps, OperationName } from '@foleni/shared';
import { parseAdminBody } from '../admin/admin-body.js';
import type { FieldLabels } from '../admin/admin-body.js';
import type { AppContext } from '../app-context.js';
import { notFound } from '../errors.js';
import type { HandlersOf, MountOptions } from '../http/operations.js';

export type JourneyOperation = Extract<OperationName, `${string}Journey${string}` | 'listJourneys' | 'journeyStepTicket'>;

export const JOURNEY_LABELS: FieldLabels = {
  code: 'Journey code',
  name: 'The name',
  'name.en': 'Name in English',
  'name.sw': 'Name in Kiswahili',
  steps: 'Steps',
  'steps.*': 'Step {n}',
  active: 'Offered at the kiosk',
  order: 'Order on the kiosk',
};

export const JOURNEY_BODY_PARSERS: MountOptions['bodyParsers'] = {
  adminCreateJourney: (v) => parseAdminBody(CreateJourneyBody, v, JOURNEY_LABELS),
  adminUpdateJourney: (v) => parseAdminBody(UpdateJourneyBody, v, JOURNEY_LABELS),
};

export function journeyHandlers(ctx: AppContext): HandlersOf<JourneyOperation> {
  const { repos, journeys } = ctx;
  const found = <T>(value: T | undefined): T => {
    if (!value) throw notFound('journey');
    return value;
  };
  return {
    listJourneys: () => ({
      items: repos.journeys
        .list()
        .filter((j) => j.active)
        .map((j): JourneyWithSteps => {
          const stepServices = j.steps.map((id) => {
            const s = repos.services.getAny(id);
            return { serviceId: id, code: s?.code ?? '', name: s?.name ?? { en: id, sw: id }, agency: s?.agency ?? '', agencySw: s?.agencySw ?? null };
          });
          return { ...j, stepServices, served: j.steps.every((id) => repos.services.get(id)?.active === true && repos.counters.serves(id)) };
        }),
    }),

    adminListJourneys: () => ({ items: repos.journeys.list() }),
    adminCreateJourney: async ({ body, actor }) => ({ journey: await journeys.create(body, actor) }),
    adminGetJourney: ({ params }) => ({ journey: found(repos.journeys.get(params.id)) }),
    adminUpdateJourney: async ({ params, body, actor }) => ({ journey: await journeys.update(params.id, body, actor) }),
    adminDeleteJourney: async ({ params, actor }) => ({ journey: await journeys.deactivate(params.id, actor) }),

    async journeyStepTicket({ params, body, actor }) {
      return { ticket: ctx.views.ticket(await ctx.queue.sendToJourneyStep(params.ticketId, body.step, body.note, actor)) };
    },
    async endJourneyTicket({ params, body, actor }) {
      return { ticket: ctx.views.ticket(await ctx.queue.endJourney(params.ticketId, body.note, actor)) };
    },
  };
}
