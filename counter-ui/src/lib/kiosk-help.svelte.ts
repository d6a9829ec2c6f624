// Calls for help from the centre's kiosks, as every staff screen shows them: fetched when the live link has
// its snapshot (after a reconnect too), then kept by the `kiosk:help` pushes. The first member of staff to
// answer "I'm going" is named to everyone (docs/decisions/0028-kiosk-help-requests.md).
import { HELP_ANSWERED_SHOWN_MS } from '@foleni/shared';
import type { HelpEvent, HelpRequest } from '@foleni/shared';
import { api } from './api.js';

class KioskHelpAlerts {
  requests = $state<HelpRequest[]>([]);
  /** Requests whose answer is being sent, and those whose answer failed. */
  sending = $state<Record<string, 'sending' | 'failed'>>({});

  /** Unanswered ones, however old, and those answered in the last minutes; oldest first. */
  shown(now: number): HelpRequest[] {
    return this.requests.filter((r) => r.answeredAt === null || now - Date.parse(r.answeredAt) < HELP_ANSWERED_SHOWN_MS);
  }

  async refresh(): Promise<void> {
    try {
      this.requests = (await api.listHelpRequests()).items;
    } catch {
      // The next snapshot asks again; the alerts already shown stay meanwhile.
    }
  }

  updated(request: HelpRequest): void {
    const i = this.requests.findIndex((r) => r.id === request.id);
    if (i < 0) this.requests.push(request);
    // An answer is never undone: a late copy of the unanswered request must not bring the button back.
    else if (!(this.requests[i]!.answeredAt && !request.answeredAt)) this.requests[i] = request;
  }

  async answer(id: string): Promise<void> {
    this.sending[id] = 'sending';
    try {
      this.updated((await api.answerHelp({ helpId: id })).request);
      delete this.sending[id];
    } catch {
      this.sending[id] = 'failed';
    }
  }
}

export const kioskHelp = new KioskHelpAlerts();

/** For a staff screen's LiveConnection: `events: { …, ...kioskHelpEvents }`. */
export const kioskHelpEvents = { 'kiosk:help': (e: HelpEvent) => kioskHelp.updated(e.request) };
