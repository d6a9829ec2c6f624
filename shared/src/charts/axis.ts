// Words on a chart's axes, the same in the centre's reports and at head office.

const MONTHS = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  sw: ['Jan', 'Feb', 'Mac', 'Apr', 'Mei', 'Jun', 'Jul', 'Ago', 'Sep', 'Okt', 'Nov', 'Des'],
} as const;

/** A day on a chart's axis, day first as in Kenya: "1 Dec", "1 Des" (never the US "12/1"). */
export function axisDay(seconds: number, lang: 'en' | 'sw' = 'en'): string {
  const d = new Date(seconds * 1000);
  return `${d.getUTCDate()} ${MONTHS[lang][d.getUTCMonth()]}`;
}

/** An hour of the day on a chart's axis: "08:00". */
export const axisHour = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

/** A calendar day (YYYY-MM-DD) as the chart's x value: seconds at its UTC midnight. */
export const daySeconds = (day: string): number => Date.parse(`${day}T00:00:00Z`) / 1000;
