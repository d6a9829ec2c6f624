// A citizen's way through the kiosk: service → priority → SMS or not → ticket, and back to the start by itself. In a
// centre whose services do not fit on one screen, the service step is itself two: agency, then its services.
// One idempotency key is made when a service is chosen and sent with every try of that visit, so a double
// tap or a retry after a lost answer hands back the same ticket instead of a second one.
// A booked citizen goes another way, start → reference → ticket (check-in.ts).
import type { IssueTicketBody, JourneyWithSteps, Lang, Priority, PrintResult, ServiceWithQueue, Ticket } from '@foleni/shared';
import { ApiError } from '@foleni/shared/client';
import { api } from './api.js';
import { checkInOnce, CHECK_IN_PATIENCE_MS, refusalOf, slotStartOf } from './check-in.js';
import type { CheckInRefusal } from './check-in.js';
import { clock } from './clock.svelte.js';
import { hours } from './hours.svelte.js';
import { newIdempotencyKey } from './idempotency-key.js';
import { kiosk } from './kiosk.svelte.js';
import { isFinal, printOutcome } from './print-progress.js';
import type { PrintOutcome } from './print-progress.js';

export type ProblemReason = 'network' | 'closed' | 'busy' | 'generic';

/**
 * Where the citizen is in the service menu: `agency` null is the first screen (every service, or the agencies
 * when they do not all fit); else that agency's services. `page` counts from 0 in whichever list is shown.
 */
export interface MenuPlace {
  agency: string | null;
  page: number;
}

export const MENU_START: MenuPlace = { agency: null, page: 0 };

export type Screen =
  | { name: 'services'; place: MenuPlace }
  | { name: 'priority'; service: ServiceWithQueue; key: string; from: MenuPlace }
  | { name: 'sms'; service: ServiceWithQueue; priority: Priority; key: string; from: MenuPlace; refused: string | null }
  | { name: 'issuing'; service: ServiceWithQueue; priority: Priority; key: string; slow: boolean; phone: Phone | null; from: MenuPlace }
  | { name: 'problem'; service: ServiceWithQueue; priority: Priority; key: string; reason: ProblemReason; phone: Phone | null; from: MenuPlace }
  | { name: 'ticket'; ticket: Ticket; service: ServiceWithQueue | null; key: string; print: PrintResult; shownAt: number }
  | { name: 'booking'; entry: string }
  | { name: 'checking-in'; reference: string; slow: boolean }
  | { name: 'booking-refused'; reference: string; refusal: CheckInRefusal; slotStart: string | null };

/** A number for SMS: as sent (E.164) and as the citizen typed it (to show again if the server refuses it). */
export interface Phone {
  e164: string;
  typed: string;
}

/** How long a tap keeps retrying over a bad network before the citizen is asked what to do. */
const ISSUE_PATIENCE_MS = 20_000;
/** While the socket is down or quiet, the print outcome is read by asking again with the same key. */
const PRINT_POLL_MS = 5000;
const PRINT_POLL_MAX = 8;
/** The language resets when nobody has touched the start screen for this long. */
const LANG_RESET_MS = 60_000;
/** Someone who stops inside an agency's list has walked away: the next citizen starts at the first screen. */
const MENU_IDLE_MS = 30_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function reasonOf(err: ApiError): ProblemReason {
  if (err.network || err.status >= 500) return 'network';
  if (err.status === 429) return 'busy';
  if (err.status === 404 || err.status === 409 || err.status === 422) return 'closed';
  return 'generic';
}

class Flow {
  screen = $state<Screen>({ name: 'services', place: MENU_START });
  lang = $state<Lang>('en');
  /** The journey chosen for this visit (its first step is the screens' service); null for one service. */
  journey = $state<JourneyWithSteps | null>(null);
  /** Bumped whenever a visit ends, so late answers of an abandoned visit are ignored. */
  private visit = 0;

  /** What to tell the citizen about the paper ticket, on the ticket screen. */
  readonly print = $derived.by((): { outcome: PrintOutcome; error: string | null } | null => {
    const s = this.screen;
    if (s.name !== 'ticket') return null;
    const news = s.print.jobId ? kiosk.prints[s.print.jobId] : undefined;
    const status = news?.status ?? s.print.status;
    return { outcome: printOutcome(status, clock.now - s.shownAt), error: news?.error ?? s.print.error };
  });

  /** Inactivity after which the kiosk goes back to the start; null: never on this screen. */
  readonly idleLimitMs = $derived.by((): number | null => {
    switch (this.screen.name) {
      case 'services':
        if (!this.atStart) return MENU_IDLE_MS;
        return this.lang === kiosk.defaultLang ? null : LANG_RESET_MS;
      case 'priority':
        return 30_000;
      case 'sms':
        // Typing a number takes longer than a tap.
        return 60_000;
      case 'issuing':
        return null;
      case 'problem':
        return 60_000;
      case 'ticket':
        // Time to read it, and, when there is no paper ticket, to photograph it.
        return this.print?.outcome === 'done' ? 20_000 : 45_000;
      case 'booking':
        return this.screen.entry ? 60_000 : 30_000;
      case 'checking-in':
        return null;
      case 'booking-refused':
        return 60_000;
    }
  });

  /** On the first screen of the menu: where a new citizen begins. */
  get atStart(): boolean {
    const s = this.screen;
    return s.name === 'services' && s.place.agency === null && s.place.page === 0;
  }

  /** Moves within the service menu (agency, page); each move is a new screen, so taps settle again. */
  showMenu(place: MenuPlace): void {
    if (this.screen.name !== 'services') return;
    this.show({ name: 'services', place });
  }

  setLang(lang: Lang): void {
    this.lang = lang;
  }

  chooseService(service: ServiceWithQueue, journey: JourneyWithSteps | null = null): void {
    const s = this.screen;
    if (s.name !== 'services') return;
    this.journey = journey;
    this.show({ name: 'priority', service, key: newIdempotencyKey(), from: s.place });
  }

  /** A journey: the visit goes on as for its first step's service, and the ticket is issued for the journey. */
  chooseJourney(journey: JourneyWithSteps): void {
    const first = kiosk.services.find((s) => s.id === journey.steps[0]);
    if (first) this.chooseService(first, journey);
  }

  /** From the priority question, back to the menu screen the service was chosen on. */
  back(): void {
    const s = this.screen;
    if (s.name === 'sms') this.show({ name: 'priority', service: s.service, key: s.key, from: s.from });
    else if (s.name === 'priority') {
      this.visit++;
      this.journey = null;
      this.show({ name: 'services', place: s.from });
      void kiosk.refreshServices();
    } else if (s.name === 'problem') this.finish({ keepLang: true });
  }

  /** Priority chosen: then the SMS question (SmsOptIn). */
  choosePriority(priority: Priority): void {
    const s = this.screen;
    if (s.name !== 'priority') return;
    this.show({ name: 'sms', service: s.service, priority, key: s.key, from: s.from, refused: null });
  }

  /** The first tap issues (with the number, or null for "No thanks"); a second finds it `issuing`. */
  chooseSms(e164: string | null, typed = ''): void {
    const s = this.screen;
    if (s.name !== 'sms') return;
    void this.issue(s.service, s.priority, s.key, e164 ? { e164, typed } : null, s.from);
  }

  retry(): void {
    const s = this.screen;
    if (s.name !== 'problem') return;
    void this.issue(s.service, s.priority, s.key, s.phone, s.from);
  }

  /** "I have a booking": the reference's keyboard (`entry`: what is typed so far). */
  startCheckIn(entry = ''): void {
    this.visit++;
    this.show({ name: 'booking', entry });
  }

  /** The keyboard changed the reference; the screen stays the same (no settling between keys). */
  typeReference(entry: string): void {
    if (this.screen.name === 'booking') this.screen.entry = entry;
    clock.touched();
  }

  /** Typed and sent, or scanned on any screen that is not already making a ticket. */
  checkIn(reference: string): void {
    const name = this.screen.name;
    if (name === 'issuing' || name === 'checking-in') return;
    void this.checkInNow(reference);
  }

  /** From a refused booking to the service menu, for a walk-in ticket, in the citizen's language. */
  walkIn(): void {
    this.finish({ keepLang: true });
  }

  /** Back to the start screen, in the centre's first language unless the citizen is still here. */
  finish(opts: { keepLang?: boolean } = {}): void {
    this.visit++;
    this.journey = null;
    this.show({ name: 'services', place: MENU_START });
    if (!opts.keepLang) this.lang = kiosk.defaultLang;
    void kiosk.refreshServices();
  }

  private show(screen: Screen): void {
    this.screen = screen;
    clock.touched();
  }

  private async issue(service: ServiceWithQueue, priority: Priority, key: string, phone: Phone | null, from: MenuPlace): Promise<void> {
    const visit = this.visit;
    const lang = this.lang;
    const body = this.body(service, priority, lang, phone);
    this.show({ name: 'issuing', service, priority, key, slow: false, phone, from });
    const deadline = Date.now() + ISSUE_PATIENCE_MS;
    for (let attempt = 0; ; attempt++) {
      try {
        const answer = await api.issueTicket({ body, idempotencyKey: key });
        if (visit !== this.visit) return;
        this.show({ name: 'ticket', ticket: answer.ticket, service, key, print: answer.print, shownAt: Date.now() });
        void this.followPrint(visit, answer.print, async () => (await api.issueTicket({ body, idempotencyKey: key })).print);
        return;
      } catch (e) {
        if (visit !== this.visit) return;
        const err = e instanceof ApiError ? e : new ApiError(0, 'network', String(e));
        const transient = err.network || err.status === 429 || err.status >= 500;
        if (transient && Date.now() < deadline) {
          if (this.screen.name === 'issuing') this.screen.slow = true;
          await sleep(Math.min(4000, 500 * 2 ** attempt));
          if (visit !== this.visit) return;
          continue;
        }
        if (err.code === 'centre-closed') {
          // The server's clock or hours say closed though this kiosk thought it open: its closed screen, not an error.
          hours.refused(err.details);
          this.finish({ keepLang: true });
          return;
        }
        if (err.code === 'invalid-phone' && phone) {
          // Nothing was issued: back to the keypad with the number, to correct it.
          this.show({ name: 'sms', service, priority, key, from, refused: phone.typed });
          return;
        }
        if (err.status === 401) kiosk.markRefused();
        // The admin took the service off every counter meanwhile: the menu must stop offering it.
        if (err.code === 'service-not-served') void kiosk.refreshServices();
        this.show({ name: 'problem', service, priority, key, reason: reasonOf(err), phone, from });
        return;
      }
    }
  }

  private async checkInNow(reference: string): Promise<void> {
    const visit = ++this.visit;
    this.show({ name: 'checking-in', reference, slow: false });
    const deadline = Date.now() + CHECK_IN_PATIENCE_MS;
    const lang = this.lang;
    for (let attempt = 0; ; attempt++) {
      const outcome = await checkInOnce(reference, lang);
      if (visit !== this.visit) return;
      if (outcome.ok) {
        const { ticket, print } = outcome.answer;
        const service = kiosk.services.find((s) => s.id === ticket.serviceId) ?? null;
        this.show({ name: 'ticket', ticket, service, key: reference, print, shownAt: Date.now() });
        void this.followPrint(visit, print, async () => {
          const again = await checkInOnce(reference, lang);
          return again.ok ? again.answer.print : null;
        });
        return;
      }
      const err = outcome.error;
      const transient = err.network || err.status === 429 || err.status >= 500;
      if (transient && Date.now() < deadline) {
        if (this.screen.name === 'checking-in') this.screen.slow = true;
        await sleep(Math.min(4000, 500 * 2 ** attempt));
        if (visit !== this.visit) return;
        continue;
      }
      if (err.status === 401) kiosk.markRefused();
      this.show({ name: 'booking-refused', reference, refusal: refusalOf(err), slotStart: slotStartOf(err) });
      return;
    }
  }

  /**
   * Print news normally comes over the socket. When the socket is down, or has said nothing for a while,
   * the same request is sent again (`again`): the server answers with the same ticket and its latest print status.
   */
  /** The issue request: for the chosen journey, else for the service; with the number for SMS if one was left. */
  private body(service: ServiceWithQueue, priority: Priority, lang: Lang, phone: Phone | null): IssueTicketBody {
    const fields = { priority, lang, ...(phone ? { phone: phone.e164 } : {}) };
    return this.journey ? { journeyId: this.journey.id, ...fields } : { serviceId: service.id, ...fields };
  }

  private async followPrint(visit: number, first: PrintResult, again: () => Promise<PrintResult | null>): Promise<void> {
    const jobId = first.jobId;
    if (!jobId || isFinal(first.status)) return;
    for (let polls = 0; polls < PRINT_POLL_MAX; polls++) {
      await sleep(PRINT_POLL_MS);
      if (visit !== this.visit || this.screen.name !== 'ticket') return;
      const news = kiosk.prints[jobId];
      if (news && isFinal(news.status)) return;
      if (kiosk.link === 'online' && news && polls < 2) continue;
      try {
        const print = await again();
        if (print && print.jobId === jobId && (!kiosk.prints[jobId] || !isFinal(kiosk.prints[jobId].status))) {
          kiosk.prints[jobId] = { status: print.status, error: print.error };
        }
      } catch {
        // Still unreachable: the screen already says how to keep the ticket without paper.
      }
    }
  }
}

export const flow = new Flow();
