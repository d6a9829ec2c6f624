// Demo traffic: a gentle stream of made-up citizens taking tickets at the demo kiosk, so the display,
// the trackers and the manager's dashboard show life while someone looks at the demo with no clerk at
// work. Tickets are issued through the real QueueService as the kiosk would issue them (without paper:
// nobody is there to take it). It never calls a ticket: that is a clerk's job. Every ticket it issues is
// logged as demo traffic.
import type { AppContext } from '../app-context.js';
import { SERVICE_WEIGHTS } from './demo-history.js';
import { drawCitizen, weightedPicker } from './past-days.js';

export interface DemoTrafficOptions {
  /** Shortest and longest pause between two citizens (default 20 s and 60 s). */
  minIntervalMs?: number;
  maxIntervalMs?: number;
  /** Nobody new comes in while this many already wait (default 40): a hall nobody serves fills up, then stays full. */
  maxWaiting?: number;
  random?: () => number;
}

export interface DemoTraffic {
  /** Tickets issued so far. */
  readonly issued: number;
  /** Stops the stream; resolves once a ticket being issued has been written. */
  stop(): Promise<void>;
}


export function startDemoTraffic(ctx: AppContext, opts: DemoTrafficOptions = {}): DemoTraffic {
  const min = opts.minIntervalMs ?? 20_000;
  const max = Math.max(min, opts.maxIntervalMs ?? 60_000);
  const maxWaiting = opts.maxWaiting ?? 40;
  const rand = opts.random ?? Math.random;
  let issued = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const next = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      inFlight = arrive().catch((error: unknown) => {
        if (!stopped) ctx.log.error('demo traffic: could not issue a ticket', { demo: 'traffic', error: String(error) });
      });
      void inFlight.then(next);
    }, Math.round(min + (max - min) * rand()));
    // The stream never keeps a process alive on its own.
    timer.unref();
  };

  async function arrive(): Promise<void> {
    // Citizens take tickets only for what the kiosk offers: active services some counter serves.
    const services = ctx.repos.services.list().filter((s) => s.active && ctx.views.served(s.id));
    if (services.length === 0) return;
    const day = ctx.centre.today();
    let waiting = 0;
    for (const n of ctx.views.lines.counts(day).values()) waiting += n;
    if (waiting >= maxWaiting) return;
    const service = weightedPicker(services, (s) => SERVICE_WEIGHTS[s.code] ?? 4, rand)();
    const kiosk = ctx.repos.devices.list().find((d) => d.kind === 'kiosk' && d.status === 'active');
    // Once an admin has the kiosks keep the opening hours, nobody takes a ticket at them after closing.
    if (kiosk && ctx.centre.kioskRefusal()) return;
    const { priority, lang } = drawCitizen(rand);
    // About one citizen in twelve comes for a journey the kiosk offers (every step served).
    const journeys = ctx.repos.journeys.list().filter((j) => j.active && j.steps.every((s) => ctx.views.served(s)));
    const journey = journeys.length && rand() < 1 / 12 ? journeys[Math.floor(rand() * journeys.length)] : undefined;
    const { ticket } = await ctx.queue.issue({
      serviceId: service.id,
      journeyId: journey?.id ?? null,
      priority,
      lang,
      source: kiosk ? 'kiosk' : 'staff',
      deviceId: kiosk?.id ?? null,
      idempotencyKey: null,
    });
    issued++;
    ctx.log.info('demo traffic: a simulated citizen took a ticket', { demo: 'traffic', ticket: ticket.label, service: service.code, priority, lang });
  }

  ctx.log.info(`demo traffic: a simulated citizen takes a ticket every ${min / 1000}–${max / 1000} s (FOLENI_DEMO_TRAFFIC=0 turns it off)`, { demo: 'traffic' });
  next();
  return {
    get issued() {
      return issued;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inFlight;
    },
  };
}
