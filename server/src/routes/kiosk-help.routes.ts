// Kiosk help: a kiosk asks for a member of staff, staff list the requests and answer "I'm coming".
import type { HandlersOf } from '../http/operations.js';
import { withStatus } from '../http/operations.js';
import type { KioskHelpService } from '../kiosk-help/kiosk-help.service.js';

export function kioskHelpHandlers(help: KioskHelpService): HandlersOf<'askForHelp' | 'listHelpRequests' | 'answerHelp'> {
  return {
    async askForHelp({ actor }) {
      const { request, created } = await help.ask(actor.device.id);
      return created ? { request } : withStatus(200, { request });
    },
    listHelpRequests() {
      return { items: help.shown() };
    },
    async answerHelp({ params, actor }) {
      return { request: await help.answer(params.helpId, actor) };
    },
  };
}
