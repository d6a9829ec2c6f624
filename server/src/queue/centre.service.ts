// The centre's settings, read often (every ticket needs the time zone) and changed rarely: kept in memory.
import type { Centre } from '@foleni/shared';
import type { Clock } from '../clock.js';
import { dayOf } from '../clock.js';
import type { Repositories } from '../repositories/index.js';

export const DEFAULT_CENTRE: Centre = {
  code: 'CENTRE',
  name: 'Huduma Centre',
  timezone: 'Africa/Nairobi',
  languages: ['en', 'sw'],
  openingHours: { opens: '08:00', closes: '17:00' },
  ticketFooter: { en: 'Thank you for visiting.', sw: 'Asante kwa kututembelea.' },
  notices: [],
  priorityHeadStartMinutes: 20,
  preferenceBonusMinutes: 0,
};

export class CentreService {
  private cached: Centre | undefined;

  constructor(
    private readonly repos: Repositories,
    private readonly clock: Clock,
  ) {}

  get(): Centre {
    if (!this.cached) {
      this.cached = this.repos.centre.get();
      if (!this.cached) {
        this.repos.centre.save(DEFAULT_CENTRE, this.clock.now());
        this.cached = DEFAULT_CENTRE;
      }
    }
    return this.cached;
  }

  /** Call inside a write; the cache is refreshed from what was saved. */
  save(centre: Centre): void {
    this.repos.centre.save(centre, this.clock.now());
    this.cached = undefined;
  }

  today(): string {
    return dayOf(this.clock.now(), this.get().timezone);
  }

  headStartMs(): number {
    return this.get().priorityHeadStartMinutes * 60_000;
  }
}
