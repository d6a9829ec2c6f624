// The centre's settings (kept in memory by CentreRepository), with the defaults a new centre starts from, and its day.
import { openingAt, weekdayOf } from '@foleni/shared';
import type { Centre, CentreClosedDetails, Opening, PublicCentre, Weekday } from '@foleni/shared';
import type { Clock } from '../clock.js';
import { dayOf } from '../clock.js';
import { AppError } from '../errors.js';
import type { Repositories } from '../repositories/index.js';

export const DEFAULT_CENTRE: Centre = {
  code: 'CENTRE',
  name: 'Huduma Centre',
  timezone: 'Africa/Nairobi',
  languages: ['en', 'sw'],
  // Huduma Centres open Monday to Saturday; the admin sets a shorter Saturday and the holidays.
  openingHours: {
    mon: { opens: '08:00', closes: '17:00' },
    tue: { opens: '08:00', closes: '17:00' },
    wed: { opens: '08:00', closes: '17:00' },
    thu: { opens: '08:00', closes: '17:00' },
    fri: { opens: '08:00', closes: '17:00' },
    sat: { opens: '08:00', closes: '17:00' },
    sun: null,
    closedDates: [],
    kiosksOnlyWhenOpen: true,
  },
  ticketFooter: { en: 'Thank you for visiting.', sw: 'Asante kwa kututembelea.' },
  notices: [],
  priorityHeadStartMinutes: 20,
  preferenceBonusMinutes: 0,
  publicUrl: null,
  wifiName: null,
};

/** The centre as anyone may see it (GET /centre, and every public and tracker snapshot and push). */
export function publicCentre(c: Centre): PublicCentre {
  return { code: c.code, name: c.name, timezone: c.timezone, languages: c.languages, openingHours: c.openingHours, notices: c.notices };
}

export class CentreService {
  /** The latest day the centre has seen; undefined until first asked (then read from the last ticket). */
  private latestDay: string | undefined;

  constructor(
    private readonly repos: Repositories,
    private readonly clock: Clock,
  ) {}

  get(): Centre {
    const centre = this.repos.centre.get();
    if (centre) return centre;
    this.repos.centre.save(DEFAULT_CENTRE, this.clock.now());
    return DEFAULT_CENTRE;
  }

  /** Call inside a write. */
  save(centre: Centre): void {
    this.repos.centre.save(centre, this.clock.now());
  }

  /**
   * The centre's day. It never goes back: a clock put back across midnight (or a time zone moved west)
   * would otherwise reopen yesterday, give its ticket numbers again after the day close, and expire
   * everyone who took a ticket in the day already begun.
   */
  today(): string {
    const day = dayOf(this.clock.now(), this.get().timezone);
    this.latestDay ??= this.repos.tickets.lastIssued()?.day ?? day;
    if (day > this.latestDay) this.latestDay = day;
    return this.latestDay;
  }

  /**
   * Null while kiosks may issue; otherwise the refusal to answer a kiosk with. When the centre says its
   * kiosks keep its hours, a number taken at night would be expired by the day close before anyone could
   * call it. Staff are not asked: a clerk may still issue to the last people inside after closing.
   */
  kioskRefusal(): AppError | null {
    const { openingHours: week, timezone } = this.get();
    if (!week.kiosksOnlyWhenOpen) return null;
    const now = this.clock.now();
    const state = openingAt(week, now, timezone);
    if (state.open) return null;
    const { closed, hours, next, closedDate } = state;
    const today = hours
      ? `today kiosks issue tickets from ${hours.opens} to ${hours.closes}`
      : closedDate
        ? 'today is a holiday'
        : `it does not open on ${WEEKDAY_NAMES[weekdayOf(state.day)]}s`;
    return new AppError(
      409,
      'centre-closed',
      `The centre is closed: ${today} (${timezone} time). ${next ? `Come back ${whenText(next)} from ${next.opens}.` : 'No opening hours are set.'}`,
      { timezone, day: state.day, closed, today: hours, closedDate, next, now: new Date(now).toISOString() } satisfies CentreClosedDetails,
    );
  }

  headStartMs(): number {
    return this.get().priorityHeadStartMinutes * 60_000;
  }
}

const WEEKDAY_NAMES: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

/** "today", "tomorrow", "on Monday", or "on Monday 2026-12-28" beyond this week. */
function whenText(next: Opening): string {
  const weekday = WEEKDAY_NAMES[next.weekday];
  if (next.inDays === 0) return 'today';
  if (next.inDays === 1) return 'tomorrow';
  return next.inDays < 7 ? `on ${weekday}` : `on ${weekday} ${next.day}`;
}
