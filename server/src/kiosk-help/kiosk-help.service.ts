// Kiosk help: a citizen at a kiosk taps "Help / Msaada", every staff screen hears of it at once, and the first
// member of staff to say "I'm coming" is named to the others and to the kiosk. Rules and figures:
// docs/decisions/0028-kiosk-help-requests.md.
import { HELP_ANSWERED_SHOWN_MS, HELP_OPEN_KEPT_MS } from '@foleni/shared';
import type { HelpRequest } from '@foleni/shared';
import type { StaffActor } from '../auth/actor.js';
import type { Clock } from '../clock.js';
import { iso, isoOrNull } from '../clock.js';
import type { WriteQueue } from '../db/write-queue.js';
import { notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { HelpRecord, KioskHelpRepository } from './kiosk-help.repository.js';

export const helpView = (r: HelpRecord): HelpRequest => ({
  id: r.id,
  deviceId: r.deviceId,
  kioskName: r.kioskName,
  askedAt: iso(r.askedAt),
  answeredAt: isoOrNull(r.answeredAt),
  answeredBy: r.answeredBy,
});

export class KioskHelpService {
  private readonly listeners: ((request: HelpRequest) => void)[] = [];

  constructor(
    private readonly repo: KioskHelpRepository,
    private readonly writes: WriteQueue,
    private readonly clock: Clock,
  ) {}

  /** Told after each commit that made or answered a request (the gateway pushes `kiosk:help`). */
  onChange(listener: (request: HelpRequest) => void): void {
    this.listeners.push(listener);
  }

  /**
   * A kiosk asks. A second tap while its request is unanswered is the same request (staff are not alerted
   * twice): `created` false.
   */
  ask(deviceId: string): Promise<{ request: HelpRequest; created: boolean }> {
    return this.writes.run((tx) => {
      const now = this.clock.now();
      const open = this.repo.openOf(deviceId, now - HELP_OPEN_KEPT_MS);
      if (open) return { request: helpView(open), created: false };
      const id = newId('help');
      this.repo.add(id, deviceId, now);
      const request = helpView(this.repo.get(id)!);
      tx.afterCommit(() => this.changed(request));
      return { request, created: true };
    });
  }

  /** "I'm coming": the first to answer is kept; a later answer gets the request as it stands. */
  answer(id: string, actor: StaffActor): Promise<HelpRequest> {
    return this.writes.run((tx) => {
      if (!this.repo.get(id)) throw notFound('help request');
      const first = this.repo.answer(id, { id: actor.id, name: actor.displayName }, this.clock.now());
      const request = helpView(this.repo.get(id)!);
      if (first) tx.afterCommit(() => this.changed(request));
      return request;
    });
  }

  /** What staff screens show: every unanswered request (up to half a day old) and the lately answered. */
  shown(): HelpRequest[] {
    const now = this.clock.now();
    return this.repo.shown(now - HELP_OPEN_KEPT_MS, now - HELP_ANSWERED_SHOWN_MS).map(helpView);
  }

  private changed(request: HelpRequest): void {
    for (const l of this.listeners) l(request);
  }
}
