// Keeps the daily summaries that reports add up ready before anyone asks (docs/architecture.md, "Statistics
// and reports"): a day is summarised when it closes, days left without a summary (after an upgrade or an
// import) are summarised after start-up, and a report waits only for the days of its range still missing.
// Every summary is made one day per turn of the event loop, so issuing and calls go on between days: a day
// of a busy centre takes tens of milliseconds, a year of them several seconds.
import { daysBetween } from './stats-report.js';
import type { StatsReports } from './stats-report.js';

/** How many past days the day's close looks back over for summaries that fell out of date. */
const CLOSE_LOOKBACK_DAYS = 7;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class SummaryKeeper {
  private readonly todo: string[] = [];
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly reports: StatsReports,
    private readonly today: () => string,
  ) {}

  /** After start-up: every day that has tickets and no summary. Returns how many. */
  catchUp(): number {
    const days = this.reports.unsummarisedDays();
    this.enqueue(days);
    return days.length;
  }

  /** After the day's close: the last week's days whose summary is missing or out of date (expired tickets). */
  afterClose(): void {
    const today = this.today();
    const from = daysBetween(addDays(today, -CLOSE_LOOKBACK_DAYS), today)[0]!;
    this.enqueue(this.reports.daysToBuild(from, addDays(today, -1)));
  }

  /**
   * Resolves once every day of the range that needs a summary has an up-to-date one. Today alone (the usual
   * case: its log grows all day) is summarised at once; more days go first in the line and are summarised a
   * day per turn.
   */
  async ready(from: string, to: string): Promise<void> {
    const days = this.reports.daysToBuild(from, to);
    if (days.length <= 1) {
      this.reports.build(days);
      return;
    }
    this.enqueue(days, true);
    while (!this.stopped && this.reports.daysToBuild(from, to).length > 1) await this.drain();
    this.reports.build(this.reports.daysToBuild(from, to));
  }

  /** Days still waiting to be summarised. */
  get pending(): number {
    return this.todo.length;
  }

  stop(): void {
    this.stopped = true;
    this.todo.length = 0;
  }

  private enqueue(days: string[], first = false): void {
    if (first) {
      // A report's days go ahead of a catch-up's, even those already in the line.
      const wanted = new Set(days);
      const rest = this.todo.filter((d) => !wanted.has(d));
      this.todo.length = 0;
      this.todo.push(...days, ...rest);
    } else {
      this.todo.push(...days.filter((d) => !this.todo.includes(d)));
    }
    if (days.length) void this.drain();
  }

  /** Summarises queued days one per turn until none is left; callers share the one run. */
  private drain(): Promise<void> {
    this.running ??= (async () => {
      try {
        while (!this.stopped && this.todo.length) {
          await nextTurn();
          const day = this.todo.shift();
          // Checked again: a report may have summarised it meanwhile.
          if (day && this.reports.daysToBuild(day, day).length) this.reports.build([day]);
        }
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
