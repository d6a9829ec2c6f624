// The clerk's desk: the live picture of counters and tickets (snapshot + events over the staff socket),
// the counter this clerk holds, and every action a clerk takes, with its outcome told in their language.
// Every command is REST; the socket only tells us what changed, including what our own commands did.
import { SvelteMap } from 'svelte/reactivity';
import type { Counter, ServiceWithQueue, StaffKey, Ticket, TicketEvent, Vars } from '@foleni/shared';
import { tStaff } from '@foleni/shared';
import type { LinkState } from '@foleni/shared/client';
import { ApiError, LiveConnection } from '@foleni/shared/client';
import { api } from '../lib/api.js';
import { session } from '../lib/session.svelte.js';
import { callOrder, isOpen, noShowsFor, placeInService } from './call-order.js';
import { explainError } from './error-text.js';

/** GET /api/v1/me/today. */
export interface ClerkToday {
  day: string;
  served: number;
  averageServiceSeconds: number | null;
  noShows: number;
  transferred: number;
}

export type Action = 'open' | 'pause' | 'resume' | 'close' | 'callNext' | 'call' | 'recall' | 'start' | 'complete' | 'noShow' | 'transfer' | 'reactivate';

export interface Notice {
  id: number;
  tone: 'info' | 'success' | 'error';
  text: string;
}

const TICKET_EVENTS = new Set(['ticket:issued', 'ticket:called', 'ticket:recalled', 'ticket:updated']);

export const t = (key: StaffKey, vars?: Vars): string => tStaff(session.lang, key, vars);

class Desk {
  link = $state<LinkState>('connecting');
  /** The first snapshot has arrived. */
  ready = $state(false);
  day = $state('');
  timeZone = $state('Africa/Nairobi');
  services = $state.raw<ServiceWithQueue[]>([]);
  counters = $state.raw<Counter[]>([]);
  /** Today's open tickets and no-shows by id. */
  tickets = new SvelteMap<string, Ticket>();
  bonusMinutes = $state(0);
  today = $state.raw<ClerkToday | null>(null);
  busy = $state<Action | null>(null);
  notice = $state<Notice | null>(null);
  /** Bumped when the Call next button should take the focus (after a customer leaves the counter). */
  focusCallNext = $state(0);
  /** The server's clock, ticking: waits are measured against it, not against this PC's clock. */
  now = $state(Date.now());

  private offsetMs = 0;
  private conn: LiveConnection | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private figuresTimer: ReturnType<typeof setInterval> | undefined;
  /** Socket updates seen per ticket: a REST answer older than a pushed change must not overwrite it. */
  private versions = new Map<string, number>();
  private noticeSeq = 0;

  counter = $derived(this.counters.find((c) => c.clerk !== null && c.clerk.id === session.user?.id) ?? null);
  current = $derived.by(() => {
    const c = this.counter;
    if (!c) return null;
    for (const tk of this.tickets.values()) if (tk.counterId === c.id && (tk.status === 'called' || tk.status === 'serving')) return tk;
    return null;
  });
  queue = $derived(this.counter ? callOrder(this.tickets.values(), this.counter, this.bonusMinutes) : []);
  noShows = $derived(this.counter ? noShowsFor(this.tickets.values(), this.counter) : []);
  serviceById = $derived(new Map(this.services.map((s) => [s.id, s])));
  counterById = $derived(new Map(this.counters.map((c) => [c.id, c])));

  // ---- the live link ----

  start(): void {
    if (this.conn) return;
    this.ready = false;
    this.conn = new LiveConnection(
      { auth: {} },
      {
        snapshot: (s) => {
          if (s.kind !== 'staff') return;
          this.offsetMs = Date.parse(s.now) - Date.now();
          this.tick();
          this.day = s.day;
          this.services = s.services;
          this.counters = s.counters;
          this.tickets.clear();
          this.versions.clear();
          for (const tk of s.tickets) this.tickets.set(tk.id, tk);
          this.ready = true;
          void this.loadSettings();
        },
        event: (name, payload) => {
          if (TICKET_EVENTS.has(name)) this.onTicket(payload as TicketEvent);
          else if (name === 'counter:updated') {
            const full = (payload as { full?: Counter }).full;
            if (full) this.counters = this.counters.some((c) => c.id === full.id) ? this.counters.map((c) => (c.id === full.id ? full : c)) : [...this.counters, full];
          }
        },
        state: (state) => {
          this.link = state;
          // Refused means our session is gone (signed out elsewhere, or expired): back to sign-in.
          if (state === 'refused') {
            this.stop();
            session.user = null;
          }
        },
      },
    );
    this.timer = setInterval(() => this.tick(), 1000);
    this.figuresTimer = setInterval(() => void this.loadToday(), 60_000);
    void this.loadToday();
  }

  stop(): void {
    this.conn?.close();
    this.conn = null;
    clearInterval(this.timer);
    clearInterval(this.figuresTimer);
    this.ready = false;
    this.tickets.clear();
    this.counters = [];
    this.today = null;
    this.notice = null;
  }

  private tick(): void {
    this.now = Date.now() + this.offsetMs;
  }

  private onTicket(e: TicketEvent): void {
    const full = e.full;
    if (!full) {
      this.conn?.resync();
      return;
    }
    if (this.day && full.day > this.day) {
      // A new day has begun: start again from a snapshot of it.
      this.conn?.resync();
      return;
    }
    this.versions.set(full.id, (this.versions.get(full.id) ?? 0) + 1);
    this.put(full);
    if (Object.keys(e.waiting).length) {
      this.services = this.services.map((s) => (s.id in e.waiting ? { ...s, waiting: e.waiting[s.id] ?? s.waiting } : s));
    }
  }

  private put(tk: Ticket): void {
    if (tk.day !== this.day) return;
    if (isOpen(tk)) this.tickets.set(tk.id, tk);
    else this.tickets.delete(tk.id);
  }

  /** Applies a ticket a REST call returned, unless a pushed change has overtaken it meanwhile. */
  private answer(tk: Ticket, versionBefore: number): void {
    if ((this.versions.get(tk.id) ?? 0) === versionBefore) this.put(tk);
  }

  private async loadSettings(): Promise<void> {
    try {
      const [routing, centre] = await Promise.all([
        api.get<{ preferenceBonusMinutes: number }>('/me/routing'),
        api.get<{ centre: { timezone: string } }>('/centre'),
      ]);
      this.bonusMinutes = routing.preferenceBonusMinutes;
      this.timeZone = centre.centre.timezone;
    } catch {
      // Defaults (no preference bonus, Nairobi time) are right for nearly every centre; the next snapshot retries.
    }
  }

  async loadToday(): Promise<void> {
    if (!session.user) return;
    try {
      this.today = await api.get<ClerkToday>('/me/today');
    } catch {
      // The figures are a nicety: keep the last ones and try again on the next change or minute.
    }
  }

  // ---- messages ----

  say(tone: Notice['tone'], key: StaffKey, vars?: Vars): void {
    this.notice = { id: ++this.noticeSeq, tone, text: t(key, vars) };
  }

  private fail(e: unknown, label?: string): void {
    const err = explainError(e, session.lang, label);
    this.notice = { id: ++this.noticeSeq, tone: 'error', text: err.text };
    if (err.stale) this.conn?.resync();
    if (err.signedOut) {
      this.stop();
      session.user = null;
    }
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
  private async run<T>(action: Action, label: string | undefined, work: () => Promise<T>): Promise<T | undefined> {
    this.busy = action;
    const p = work();
    this.inflight = p;
    try {
      return await p;
    } catch (e) {
      this.fail(e, label);
      return undefined;
    } finally {
      this.inflight = null;
      this.busy = null;
    }
  }

  async open(counterId: string): Promise<void> {
    await this.settle();
    await this.run('open', undefined, async () => {
      const { counter } = await api.post<{ counter: Counter }>(`/counters/${counterId}/open`);
      this.putCounter(counter);
      this.notice = null;
      this.focusCallNext++;
    });
  }

  async togglePause(): Promise<void> {
    await this.settle();
    const c = this.counter;
    if (!c) return;
    const resume = c.status !== 'open';
    await this.run(resume ? 'resume' : 'pause', undefined, async () => {
      const { counter } = await api.post<{ counter: Counter }>(`/counters/${c.id}/${resume ? 'open' : 'pause'}`);
      this.putCounter(counter);
      if (resume) this.focusCallNext++;
    });
  }

  async close(): Promise<void> {
    await this.settle();
    const c = this.counter;
    if (!c) return;
    await this.run('close', this.current?.label, async () => {
      const { counter } = await api.post<{ counter: Counter }>(`/counters/${c.id}/close`);
      this.putCounter(counter);
    });
  }

  private putCounter(counter: Counter): void {
    this.counters = this.counters.map((c) => (c.id === counter.id ? counter : c));
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
    await this.run('callNext', undefined, async () => {
      const res = await api.post<{ ticket: Ticket } | undefined>(`/counters/${c.id}/call-next`);
      if (!res) {
        const codes = c.serviceIds.map((id) => this.serviceById.get(id)?.code ?? '?').join(', ');
        this.say('info', 'counter.nobodyWaiting', { codes });
        return;
      }
      this.answer(res.ticket, this.versions.get(res.ticket.id) ?? 0);
      this.say('success', 'counter.calling', { label: res.ticket.label, counter: c.name });
    });
  }

  async call(ticket: Ticket): Promise<void> {
    if (this.busy === 'call') return;
    await this.settle();
    const c = this.counter;
    if (!c || this.cannotCall()) return;
    const v = this.versions.get(ticket.id) ?? 0;
    await this.run('call', ticket.label, async () => {
      const res = await api.post<{ ticket: Ticket }>(`/counters/${c.id}/call`, { ticketId: ticket.id });
      this.answer(res.ticket, v);
      this.say('success', 'counter.calling', { label: res.ticket.label, counter: c.name });
    });
  }

  /** Call right after `settle`: the ticket is read from the state the previous action left. */
  private async step(action: Action, path: string, ticket: Ticket, body?: unknown): Promise<Ticket | undefined> {
    const v = this.versions.get(ticket.id) ?? 0;
    return this.run(action, ticket.label, async () => {
      const res = await api.post<{ ticket: Ticket }>(`/tickets/${ticket.id}/${path}`, body);
      this.answer(res.ticket, v);
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
    if (await this.step('recall', 'recall', tk)) this.say('success', 'counter.recalled', { label: tk.label });
  }

  async startServing(): Promise<void> {
    await this.settle();
    const tk = this.current;
    if (!tk || tk.status !== 'called') return;
    if (await this.step('start', 'start', tk)) this.say('success', 'counter.started', { label: tk.label });
  }

  async complete(): Promise<void> {
    await this.settle();
    const tk = this.current;
    if (!tk || tk.status !== 'serving') return;
    if (await this.step('complete', 'complete', tk)) {
      this.say('success', 'counter.completed', { label: tk.label });
      this.afterCustomerLeft();
    }
  }

  async noShow(): Promise<void> {
    await this.settle();
    const tk = this.current;
    if (!tk || tk.status !== 'called') return;
    if (await this.step('noShow', 'no-show', tk)) {
      this.say('success', 'counter.markedNoShow', { label: tk.label });
      this.afterCustomerLeft();
    }
  }

  async transfer(serviceId: string, note: string): Promise<boolean> {
    await this.settle();
    const tk = this.current;
    if (!tk) return false;
    const body = note.trim() ? { serviceId, note: note.trim() } : { serviceId };
    const moved = await this.step('transfer', 'transfer', tk, body);
    if (!moved) return false;
    const service = this.serviceById.get(serviceId);
    const place = this.tickets.get(moved.id)?.status === 'waiting' ? placeInService(this.tickets.values(), this.tickets.get(moved.id)!) : (moved.position ?? 1);
    this.say('success', 'counter.transferred', { label: tk.label, service: service?.name[session.lang] ?? '', place });
    this.afterCustomerLeft();
    return true;
  }

  async reactivate(ticket: Ticket): Promise<void> {
    await this.settle();
    const back = await this.step('reactivate', 'requeue', ticket);
    if (!back) return;
    const now = this.tickets.get(back.id) ?? back;
    this.say('success', 'counter.reactivated', { label: back.label, place: placeInService(this.tickets.values(), now) });
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
        this.fail(e);
        return;
      }
      session.user = null;
    }
    this.stop();
  }
}

export const desk = new Desk();
