// Figures as the tables show them.
export const minutes = (m: number | null, unit: string): string => (m === null ? '–' : `${m} ${unit}`);
export const share = (s: number | null): string => (s === null ? '–' : `${Math.round(s * 100)}%`);
export const stars = (avg: number | null, n: number): string => (avg === null ? '–' : `${avg.toFixed(1)} / 5 (${n})`);
export function heard(iso: string | null, never: string, lang: 'en' | 'sw'): string {
  if (!iso) return never;
  return new Date(iso).toLocaleString(lang === 'sw' ? 'sw-KE' : 'en-KE', { timeZone: 'Africa/Nairobi', dateStyle: 'short', timeStyle: 'short' });
}
