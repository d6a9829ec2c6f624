// The clerk's desk: the counter this clerk holds, the customer at it, the line for its services, the
// clerk's figures, and every action a clerk takes, with its outcome told in their language. Every command
// is REST; the live queue hears what changed, our own commands included.
import type { ClerkDay, Lang, PauseReason, StaffKey, Ticket, Translated, Vars } from '@foleni/shared';
import { counterNameIn, tStaff } from '@foleni/shared';
import { ApiError } from '@foleni/shared/client';
import { api } from '../lib/api.js';
import { session } from '../lib/session.svelte.js';
import { callOrder, noShowsFor, placeInService } from './call-order.js';
import type { ErrorVars } from './error-text.js';
import { explainError } from './error-text.js';
import { LiveQueue } from './live-queue.svelte.js';

export type Action = 'open' | 'pause' | 'resume' | 'close' | 'callNext' | 'call' | 'recall' | 'start' | 'complete' | 'noShow' | 'transfer' | 'reactivate';

export interface Notice {
  id: number;
  tone: 'info' | 'success' | 'error';
  /** Its words in a language: built when shown, so a switch of language rewrites a message on screen. */
  text: (lang: Lang) => string;
}

export const t = (key: StaffKey, vars?: Vars): string => tStaff(session.lang, key, counterIn(session.lang, vars));

/** A message's counter in the reader's language: "Fungua Dirisha 7", not "Fungua Counter 7". */
function counterIn(lang: Lang, vars: Vars | undefined): Vars | undefined {
  return vars && typeof vars.counter === 'string' ? { ...vars, counter: counterNameIn(lang, vars.counter) } : vars;
}

class Desk {
  readonly live = new LiveQueue(
    () => this.signedOutElsewhere(),
    () => this.backOnline(),
  );
  today = $state.raw<ClerkDay | null>(null);
  busy = $state<Action | null>(null);
  notice = $state<Notice | null>(null);
  /** Bumped when the Call next button should take the focus (after a customer leaves the counter). */
  focusCallNext = $state(0);
  /** Bumped when the waiting list should take the focus, to call someone out of turn from the keyboard. */
  focusQueue = $state(0);
  /** The admin's pause reasons (desk settings); a pause asks for one. */
  pauseReasons = $state.raw<PauseReason[]>([]);
  /** The pause window is open, asking why. */
  askingPause = $state(false);

  private figuresTimer: ReturnType<typeof setInterval> | undefined;
  private noticeSeq = 0;

  counter = $derived(this.live.counters.find((c) => c.clerk !== null && c.clerk.id === session.user?.id) ?? null);
  current = $derived.by(() => {
    const c = this.counter;
    if (!c) return null;
    for (const tk of this.live.tickets.values()) if (tk.counterId === c.id && (tk.status === 'called' || tk.status === 'serving')) return tk;
    return null;
  });
  /**
   * The link to the server is down, or back but not yet caught up: the screen may be out of date, so no
   * action is sent (each press says why) rather than acting on an old picture or queueing anything.
   */
  offline = $derived(this.live.ready && !this.live.synced);
  queue = $derived(this.counter ? callOrder(this.live.tickets.values(), this.counter, this.live.bonusMinutes) : []);
  noShows = $derived(this.counter ? noShowsFor(this.live.tickets.values(), this.counter) : []);

  start(): void {
    this.live.start();
    clearInterval(this.figuresTimer);
    this.figuresTimer = setInterval(() => void this.loadToday(), 60_000);
    void this.loadToday();
    void this.loadPauseReasons();
  }

  private async loadPauseReasons(): Promise<void> {
    try {
      this.pauseReasons = (await api.deskSettings()).settings.pauseReasons;
    } catch {
      // Without the list a pause goes without a reason, as before reasons existed.
    }
  }

  stop(): void {
    this.live.stop();
    clearInterval(this.figuresTimer);
    this.today = null;
    this.notice = null;
  }

  /**
   * The snapshot after a reconnect has put the screen right: say so, in place of "nothing was sent" (no
   * longer true of a press now), but not over another error still to be read.
   */
  private backOnline(): void {
    const n = this.notice;
    if (!n || n.tone !== 'error' || n.id === this.offlineNoticeId) this.say('info', 'counter.link.back');
    void this.loadToday();
  }

  private offlineNoticeId = 0;

  /** True (and the clerk is told that nothing was sent) while the screen is not in step with the server. */
  refuseOffline(): boolean {
    if (!this.offline) return false;
    this.say('error', 'counter.offlineNothingSent');
    this.offlineNoticeId = this.noticeSeq;
    return true;
  }

  private signedOutElsewhere(): void {
    this.stop();
    session.user = null;
  }

  async loadToday(): Promise<void> {
    if (!session.user) return;
    try {
      this.today = await api.myDay();
    } catch {
      // The figures are a nicety: keep the last ones and try again on the next change or minute.
    }
  }

  // ---- messages ----

  /** `vars` may depend on the language too (a service's name): then give a function of it. */
  say(tone: Notice['tone'], key: StaffKey, vars?: Vars | ((lang: Lang) => Vars)): void {
    this.notice = { id: ++this.noticeSeq, tone, text: (lang) => tStaff(lang, key, counterIn(lang, typeof vars === 'function' ? vars(lang) : vars)) };
  }

  /**
   * Tells the clerk why an action was refused. "Counter 2 has already called B007": which counter holds the
   * ticket, which a screen that fell behind does not know, comes in the refusal's details.
   */
  private fail(e: unknown, vars: ErrorVars): void {
    const err = explainError(e, session.lang, vars);
    this.notice = { id: ++this.noticeSeq, tone: 'error', text: (lang) => explainError(e, lang, vars).text };
    if (err.stale) this.live.resync();
    if (err.signedOut) this.signedOutElsewhere();
  }

  /** A service's name in both languages, for a message that may be read in either. */
  private serviceName(serviceId: string): Translated | undefined {
    return this.live.serviceById.get(serviceId)?.name;
  }

  dismiss(): void {
    this.notice = null;
  }

  // ---- actions ----

  /**
   * Actions run one at a time, in the order pressed: a clerk who types R then X quickly gets both, each
   * judged on the state the one before left. `settle` waits for the action in flight.
   */
  private inflight: Promise<unknown> | null = null;

  private async settle(): Promise<void> {
    while (this.inflight) await this.inflight.catch(() => undefined);
  }

  /** Call only right after `settle`, with no await between, so no two actions overlap. */
  private async run<T>(action: Action, vars: ErrorVars, work: () => Promise<T>): Promise<T | undefined> {
    if (this.refuseOffline()) return undefined;
    this.busy = action;
    const p = work();
    this.inflight = p;
    try {
      return await p;
    } catch (e) {
      this.fail(e, vars);
      return undefined;
    } finally {
      this.inflight = null;
      this.busy = null;
    }
  }

  async open(counterId: string): Promise<void> {
    await this.settle();
    const mark = this.live.mark();
    const target = this.live.counterById.get(counterId);
    const vars = { counter: target?.name, clerk: target?.clerk?.displayName };
    await this.run('open', vars, async () => {
      const { counter } = await api.openCounter({ counterId });
      this.live.answerCounter(counter, mark);
      this.notice = null;
      this.focusCallNext++;
    });
  }

  /** Resumes a paused counter; pausing an open one first asks why (`pause` sends it). */
  async togglePause(): Promise<void> {
    await this.settle();
    const c = this.counter;
    if (!c) return;
    if (c.status === 'open' && this.pauseReasons.length > 0) {
      if (!this.refuseOffline()) this.askingPause = true;
      return;
    }
    await this.pause();
  }

  async pause(reason?: string): Promise<void> {
    this.askingPause = false;
    await this.settle();
    const c = this.counter;
    if (!c) return;
    const resume = c.status !== 'open';
    const mark = this.live.mark();
    await this.run(resume ? 'resume' : 'pause', { counter: c.name }, async () => {
      const { counter } = await (resume ? api.openCounter({ counterId: c.id }) : api.pauseCounter({ counterId: c.id, body: reason ? { reason } : {} }));
      this.live.answerCounter(counter, mark);
      if (resume) this.focusCallNext++;
    });
  }

  async close(): Promise<void> {
    await this.settle();
    const c = this.counter;
    if (!c) return;
    const mark = this.live.mark();
    await this.run('close', { counter: c.name, label: this.current?.label }, async () => {
      const { counter } = await api.closeCounter({ counterId: c.id });
      this.live.answerCounter(counter, mark);
    });
  }

  /** Why a call cannot be made now, said to the clerk; null when it can. */
  private cannotCall(): boolean {
    const c = this.counter;
    if (!c) return true;
    if (this.current) {
      this.say('error', 'counter.finishFirst', { label: this.current.label });
      return true;
    }
    if (c.status !== 'open') {
      this.say('error', 'counter.resumeFirst', { counter: c.name });
      return true;
    }
    return false;
  }

  async callNext(): Promise<void> {
    // A second press while the first call is on its way is a double tap, not a second call.
    if (this.busy === 'callNext') return;
    await this.settle();
    const c = this.counter;
    if (!c || this.cannotCall()) return;
    // Read before sending: the ticket is not known yet, but any push since then makes the answer old.
    const mark = this.live.mark();
    await this.run('callNext', { counter: c.name }, async () => {
      const res = await api.callNext({ counterId: c.id });
      if (!res) {
        const codes = c.serviceIds.map((id) => this.live.serviceById.get(id)?.code ?? '?').join(', ');
        this.say('info', 'counter.nobodyWaiting', { codes });
        return;
      }
      this.live.answer(res.ticket, mark);
      this.say('success', 'counter.calling', { label: res.ticket.label, counter: c.name });
    });
  }

  async call(ticket: Ticket): Promise<void> {
    if (this.busy === 'call') return;
    await this.settle();
    const c = this.counter;
    if (!c || this.cannotCall()) return;
    const mark = this.live.mark();
    const vars = { counter: c.name, label: ticket.label, service: this.serviceName(ticket.serviceId) };
    await this.run('call', vars, async () => {
      const res = await api.callTicket({ counterId: c.id, body: { ticketId: ticket.id } });
      this.live.answer(res.ticket, mark);
      this.say('success', 'counter.calling', { label: res.ticket.label, counter: c.name });
    });
  }

  /**
   * Call right after `settle`: the ticket is read from the state the previous action left. `toService` is
   * where a transfer sends it, for the message if it is refused.
   */
  private async step(action: Action, ticket: Ticket, send: (ticketId: string) => Promise<{ ticket: Ticket }>, toService?: string): Promise<Ticket | undefined> {
    const mark = this.live.mark();
    // A transfer's service is where the ticket was to go; any other step's, where it is.
    const vars = { counter: this.counter?.name, label: ticket.label, service: this.serviceName(toService ?? ticket.serviceId) };
    return this.run(action, vars, async () => {
      const res = await send(ticket.id);
      this.live.answer(res.ticket, mark);
      return res.ticket;
    });
  }

  /**
   * A shortcut for a step on the customer at the counter, judged after the actions before it have
   * finished (S then C typed fast both work); a key that does not fit says what would.
   */
  async byKey(step: 'recall' | 'start' | 'complete' | 'noShow', key: string): Promise<void> {
    await this.settle();
    const tk = this.current;
    const needs = step === 'complete' ? 'serving' : 'called';
    if (!tk) return this.say('error', 'counter.keyNeedsCalled', { key });
    if (tk.status !== needs) return this.say('error', needs === 'serving' ? 'counter.keyNeedsServing' : 'counter.keyOnlyCalled', { key });
    if (step === 'recall') return this.recall();
    if (step === 'start') return this.startServing();
    if (step === 'complete') return this.complete();
    return this.noShow();
  }

  async recall(): Promise<void> {
    await this.settle();
    const tk = this.current;
    if (!tk || tk.status !== 'called') return;
    if (await this.step('recall', tk, (ticketId) => api.recallTicket({ ticketId }))) this.say('success', 'counter.recalled', { label: tk.label });
  }

  async startServing(): Promise<void> {
    await this.settle();
    const tk = this.current;
    if (!tk || tk.status !== 'called') return;
    if (await this.step('start', tk, (ticketId) => api.startTicket({ ticketId }))) this.say('success', 'counter.started', { label: tk.label });
  }

  async complete(): Promise<void> {
    await this.settle();
    const tk = this.current;
    if (!tk || tk.status !== 'serving') return;
    const done = await this.step('complete', tk, (ticketId) => api.completeTicket({ ticketId }));
    if (done) {
      // On a journey with steps left, the ticket went on by itself to the next step's line.
      const on = done.status === 'waiting' ? done.onJourney : null;
      if (on) this.say('success', 'counter.journey.movedOn', (lang) => ({ label: tk.label, step: on.step, service: on.steps[on.step - 1]?.name[lang] ?? '' }));
      else this.say('success', 'counter.completed', { label: tk.label });
      this.afterCustomerLeft();
    }
  }

  /** Sends the customer at the counter to another step of their journey (skip ahead, or back), keeping their place. */
  async toJourneyStep(step: number, note: string): Promise<void> {
    await this.settle();
    const tk = this.current;
    if (!tk?.onJourney) return;
    const body = note.trim() ? { step, note: note.trim() } : { step };
    const moved = await this.step('transfer', tk, (ticketId) => api.journeyStepTicket({ ticketId, body }));
    if (!moved) return;
    this.say('success', 'counter.journey.sent', (lang) => ({ label: tk.label, step, service: tk.onJourney?.steps[step - 1]?.name[lang] ?? '' }));
    this.afterCustomerLeft();
  }

  /** Ends the customer's journey here, before its last step, with a note saying why. */
  async endJourney(note: string): Promise<void> {
    await this.settle();
    const tk = this.current;
    if (!tk?.onJourney || !note.trim()) return;
    if (await this.step('complete', tk, (ticketId) => api.endJourneyTicket({ ticketId, body: { note: note.trim() } }))) {
      this.say('success', 'counter.journey.endedHere', { label: tk.label });
      this.afterCustomerLeft();
    }
  }

  async noShow(): Promise<void> {
    await this.settle();
    const tk = this.current;
    if (!tk || tk.status !== 'called') return;
    if (await this.step('noShow', tk, (ticketId) => api.noShowTicket({ ticketId }))) {
      this.say('success', 'counter.markedNoShow', { label: tk.label });
      this.afterCustomerLeft();
    }
  }

  async transfer(serviceId: string, note: string): Promise<boolean> {
    await this.settle();
    const tk = this.current;
    if (!tk) return false;
    const body = note.trim() ? { serviceId, note: note.trim() } : { serviceId };
    const moved = await this.step('transfer', tk, (ticketId) => api.transferTicket({ ticketId, body }), serviceId);
    if (!moved) return false;
    const service = this.serviceName(serviceId);
    const place = this.live.tickets.get(moved.id)?.status === 'waiting' ? placeInService(this.live.tickets.values(), this.live.tickets.get(moved.id)!) : (moved.position ?? 1);
    this.say('success', 'counter.transferred', (lang) => ({ label: tk.label, service: service?.[lang] ?? '', place }));
    this.afterCustomerLeft();
    return true;
  }

  async reactivate(ticket: Ticket): Promise<void> {
    await this.settle();
    const back = await this.step('reactivate', ticket, (ticketId) => api.requeueTicket({ ticketId }));
    if (!back) return;
    const now = this.live.tickets.get(back.id) ?? back;
    this.say('success', 'counter.reactivated', { label: back.label, place: placeInService(this.live.tickets.values(), now) });
  }

  private afterCustomerLeft(): void {
    this.focusCallNext++;
    void this.loadToday();
  }

  async signOut(): Promise<void> {
    try {
      await session.signOut();
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) {
        this.fail(e, {});
        return;
      }
      session.user = null;
    }
    this.stop();
  }
}

export const desk = new Desk();
