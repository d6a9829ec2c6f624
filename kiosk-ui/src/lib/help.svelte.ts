// "Help / Msaada": this kiosk's call for a member of staff, and whether someone has answered it. The server
// pushes `kiosk:help` to this kiosk when staff answer (kiosk.svelte.ts passes it on).
import type { HelpRequest } from '@foleni/shared';
import { api } from './api.js';

/** An answered request stays on screen this long: the member of staff is there by then. */
const ANSWER_SHOWN_MS = 5 * 60_000;

class Help {
  request = $state<HelpRequest | null>(null);
  asking = $state(false);
  failed = $state(false);
  /** The citizen put the notice away. */
  hidden = $state(false);

  /** Whether the notice is on screen, at the kiosk's time `now`. */
  shown(now: number): boolean {
    if (this.hidden) return false;
    if (this.asking || this.failed) return true;
    const r = this.request;
    if (!r) return false;
    return r.answeredAt === null || now - Date.parse(r.answeredAt) < ANSWER_SHOWN_MS;
  }

  async ask(): Promise<void> {
    if (this.asking) return;
    this.asking = true;
    this.failed = false;
    this.hidden = false;
    try {
      this.request = (await api.askForHelp()).request;
    } catch {
      this.failed = true;
    } finally {
      this.asking = false;
    }
  }

  /** Only this kiosk's requests are pushed to it. */
  updated(request: HelpRequest): void {
    if (this.request && this.request.id === request.id && this.request.answeredAt && !request.answeredAt) return;
    this.request = request;
    this.hidden = false;
  }

  hide(): void {
    this.hidden = true;
    this.failed = false;
  }
}

export const help = new Help();
