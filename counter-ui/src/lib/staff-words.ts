// The words of the staff pages in the signed-in user's language (session.lang), as the counter screen's `t`.
import type { Role, StaffKey, Vars } from '@foleni/shared';
import { tStaff } from '@foleni/shared';
import { session } from './session.svelte.js';

export const ts = (key: StaffKey, vars?: Vars): string => tStaff(session.lang, key, vars);

/** "manager" / "meneja". */
export const roleText = (role: Role): string => ts(`staff.role.${role}`);
