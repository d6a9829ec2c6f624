// Random ids. Ticket ids are the key to a ticket's tracker page, so they are long and unguessable.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

function randomString(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}

export const newId = (prefix: string): string => `${prefix}_${randomString(12)}`;
/** 128 bits, URL-safe. */
export const newTicketId = (): string => randomBytes(16).toString('base64url');
/** 256 bits; prefixed so the server knows where to look it up. */
export const newToken = (kind: 'staff' | 'device'): string => `${kind === 'staff' ? 'fs' : 'fd'}_${randomBytes(32).toString('base64url')}`;
