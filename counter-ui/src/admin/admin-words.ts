// The words of the admin's settings pages in the signed-in user's language (session.lang), as `ts` is for
// the other staff pages; and the few things said differently by language (a name, a date, a number).
import type { StaffAdminKey, Translated, Vars } from '@foleni/shared';
import { tStaffAdmin } from '@foleni/shared';
import { session } from '../lib/session.svelte.js';

export const ta = (key: StaffAdminKey, vars?: Vars): string => tStaffAdmin(session.lang, key, vars);

/** A name kept in both languages (a service's, a journey's), in the admin's. */
export const nameIn = (name: Translated): string => name[session.lang];

/** The locale dates and numbers are written in: Kenyan Kiswahili or British English. */
export const locale = (): string => (session.lang === 'sw' ? 'sw-KE' : 'en-GB');
