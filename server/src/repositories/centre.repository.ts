// The one centre this server runs.
import { WEEKDAYS } from '@foleni/shared';
import type { Centre, DayHours, Translated, Weekday } from '@foleni/shared';
import { CachedValue } from '../db/cached.js';
import type { Statements } from './statements.js';

interface CentreRow {
  code: string;
  name: string;
  timezone: string;
  languages: string;
  kiosks_only_when_open: number;
  footer_en: string;
  footer_sw: string;
  notices: string;
  priority_head_start_min: number;
  preference_bonus_min: number;
  public_url: string | null;
  wifi_name: string | null;
}

interface HoursRow {
  weekday: Weekday;
  opens: string;
  closes: string;
}

const toCentre = (r: CentreRow, hours: HoursRow[], closedDates: string[]): Centre => ({
  code: r.code,
  name: r.name,
  timezone: r.timezone,
  languages: JSON.parse(r.languages) as Centre['languages'],
  openingHours: {
    ...(Object.fromEntries(WEEKDAYS.map((d) => [d, null])) as Record<Weekday, DayHours | null>),
    ...Object.fromEntries(hours.map((h) => [h.weekday, { opens: h.opens, closes: h.closes }])),
    closedDates,
    kiosksOnlyWhenOpen: r.kiosks_only_when_open === 1,
  },
  ticketFooter: { en: r.footer_en, sw: r.footer_sw },
  notices: JSON.parse(r.notices) as Translated[],
  priorityHeadStartMinutes: r.priority_head_start_min,
  preferenceBonusMinutes: r.preference_bonus_min,
  publicUrl: r.public_url,
  wifiName: r.wifi_name,
});

export class CentreRepository {
  /** Every ticket needs the centre's time zone; settings change rarely. The same object each time: do not change it. */
  private readonly centre: CachedValue<Centre | undefined>;

  constructor(private readonly q: Statements) {
    this.centre = new CachedValue(q.db, () => {
      const row = q.first<CentreRow>('SELECT * FROM centre WHERE id = 1');
      if (!row) return undefined;
      const hours = q.all<HoursRow>('SELECT weekday, opens, closes FROM centre_hours');
      const closedDates = q.all<{ day: string }>('SELECT day FROM centre_closed_dates ORDER BY day').map((r) => r.day);
      return toCentre(row, hours, closedDates);
    });
  }

  get(): Centre | undefined {
    return this.centre.get();
  }

  save(c: Centre, now: number): void {
    this.centre.drop();
    // One savepoint: a centre is never left with its row and without its week.
    this.q.db.transaction(() => this.write(c, now))();
  }

  private write(c: Centre, now: number): void {
    this.q.run(
      `INSERT INTO centre (id, code, name, timezone, languages, kiosks_only_when_open, footer_en, footer_sw,
         notices, priority_head_start_min, preference_bonus_min, public_url, wifi_name, updated_at)
       VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, timezone = excluded.timezone,
         languages = excluded.languages, kiosks_only_when_open = excluded.kiosks_only_when_open,
         footer_en = excluded.footer_en, footer_sw = excluded.footer_sw, notices = excluded.notices,
         priority_head_start_min = excluded.priority_head_start_min,
         preference_bonus_min = excluded.preference_bonus_min, public_url = excluded.public_url,
         wifi_name = excluded.wifi_name, updated_at = excluded.updated_at`,
      c.code,
      c.name,
      c.timezone,
      JSON.stringify(c.languages),
      c.openingHours.kiosksOnlyWhenOpen ? 1 : 0,
      c.ticketFooter.en,
      c.ticketFooter.sw,
      JSON.stringify(c.notices),
      c.priorityHeadStartMinutes,
      c.preferenceBonusMinutes,
      c.publicUrl,
      c.wifiName,
      now,
    );
    this.q.run('DELETE FROM centre_hours');
    for (const d of WEEKDAYS) {
      const h = c.openingHours[d];
      if (h) this.q.run('INSERT INTO centre_hours (weekday, opens, closes) VALUES (?, ?, ?)', d, h.opens, h.closes);
    }
    this.q.run('DELETE FROM centre_closed_dates');
    for (const day of c.openingHours.closedDates) this.q.run('INSERT OR IGNORE INTO centre_closed_dates (day) VALUES (?)', day);
  }
}
