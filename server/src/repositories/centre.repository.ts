// The one centre this server runs.
import type { Centre, Translated } from '@foleni/shared';
import { CachedValue } from '../db/cached.js';
import type { Statements } from './statements.js';

interface CentreRow {
  code: string;
  name: string;
  timezone: string;
  languages: string;
  opens: string;
  closes: string;
  kiosks_only_when_open: number;
  footer_en: string;
  footer_sw: string;
  notices: string;
  priority_head_start_min: number;
  preference_bonus_min: number;
}

const toCentre = (r: CentreRow): Centre => ({
  code: r.code,
  name: r.name,
  timezone: r.timezone,
  languages: JSON.parse(r.languages) as Centre['languages'],
  openingHours: { opens: r.opens, closes: r.closes, kiosksOnlyWhenOpen: r.kiosks_only_when_open === 1 },
  ticketFooter: { en: r.footer_en, sw: r.footer_sw },
  notices: JSON.parse(r.notices) as Translated[],
  priorityHeadStartMinutes: r.priority_head_start_min,
  preferenceBonusMinutes: r.preference_bonus_min,
});

export class CentreRepository {
  /** Every ticket needs the centre's time zone; settings change rarely. The same object each time: do not change it. */
  private readonly centre: CachedValue<Centre | undefined>;

  constructor(private readonly q: Statements) {
    this.centre = new CachedValue(q.db, () => {
      const row = q.first<CentreRow>('SELECT * FROM centre WHERE id = 1');
      return row && toCentre(row);
    });
  }

  get(): Centre | undefined {
    return this.centre.get();
  }

  save(c: Centre, now: number): void {
    this.centre.drop();
    this.q.run(
      `INSERT INTO centre (id, code, name, timezone, languages, opens, closes, kiosks_only_when_open, footer_en, footer_sw,
         notices, priority_head_start_min, preference_bonus_min, updated_at)
       VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, timezone = excluded.timezone,
         languages = excluded.languages, opens = excluded.opens, closes = excluded.closes,
         kiosks_only_when_open = excluded.kiosks_only_when_open,
         footer_en = excluded.footer_en, footer_sw = excluded.footer_sw, notices = excluded.notices,
         priority_head_start_min = excluded.priority_head_start_min,
         preference_bonus_min = excluded.preference_bonus_min, updated_at = excluded.updated_at`,
      c.code,
      c.name,
      c.timezone,
      JSON.stringify(c.languages),
      c.openingHours.opens,
      c.openingHours.closes,
      c.openingHours.kiosksOnlyWhenOpen ? 1 : 0,
      c.ticketFooter.en,
      c.ticketFooter.sw,
      JSON.stringify(c.notices),
      c.priorityHeadStartMinutes,
      c.preferenceBonusMinutes,
      now,
    );
  }
}
