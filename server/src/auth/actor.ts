// Who is asking: a signed-in staff member, a paired device, or nobody in particular.
import type { Role } from '@foleni/shared';
import type { DeviceRecord } from '../repositories/device.repository.js';

export interface StaffActor {
  kind: 'user';
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** Acting at the front desk: may cancel or move any ticket no counter holds (routes/desk.routes.ts). */
  atDesk?: true;
}

export interface DeviceActor {
  kind: 'device';
  device: DeviceRecord;
}

export type Actor = StaffActor | DeviceActor | { kind: 'anonymous' } | { kind: 'system' };

export const ANONYMOUS: Actor = { kind: 'anonymous' };
export const SYSTEM: Actor = { kind: 'system' };

const RANK: Record<Role, number> = { clerk: 1, manager: 2, admin: 3 };

/** Managers may do what clerks do, admins what managers do. */
export function hasRole(actor: Actor, role: Role): boolean {
  return actor.kind === 'user' && RANK[actor.role] >= RANK[role];
}

export const actorUserId = (actor: Actor): string | null => (actor.kind === 'user' ? actor.id : null);
