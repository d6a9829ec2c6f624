// Whether the centre is open at an instant, in its own time zone: the server refuses a kiosk's ticket by it
// and the kiosk shows its closed screen by it, so both read the hours the same way.

/** Before opening time today, or after closing time (until midnight). */
export type ClosedPart = 'before' | 'after';

/** The hours as the centre stores them: "HH:MM", opening before closing. */
export interface Hours {
  opens: string;
  closes: string;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The time of day ("HH:MM", 24-hour) of an instant in a time zone. */
export function timeOfDayIn(ms: number, timeZone: string): string {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', numberingSystem: 'latn' });
    formats.set(timeZone, f);
  }
  let h = '00';
  let m = '00';
  for (const p of f.formatToParts(ms)) {
    if (p.type === 'hour') h = p.value;
    else if (p.type === 'minute') m = p.value;
  }
  return `${h.padStart(2, '0')}:${m.padStart(2, '0')}`;
}

/**
 * Null while the centre is open (from `opens` up to, not including, `closes`); otherwise whether it has
 * not opened yet today or has closed for the day.
 */
export function closedPart(hours: Hours, ms: number, timeZone: string): ClosedPart | null {
  const now = timeOfDayIn(ms, timeZone);
  if (now < hours.opens) return 'before';
  if (now >= hours.closes) return 'after';
  return null;
}
