// Random ids. Ticket ids are the key to a ticket's tracker page, so they are long and unguessable.
import { randomBytes, randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

function randomString(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}

export const newId = (prefix: string): string => `${prefix}_${randomString(12)}`;
// Ticket ids are made at the rate tickets are issued: their random bytes come from a pool filled 256 ids
// at a time (one call to the system's generator instead of one per ticket); no byte is ever used twice.
const TICKET_ID_BYTES = 16;
const pool = Buffer.alloc(TICKET_ID_BYTES * 256);
let poolOffset = pool.length;

/** 128 bits, URL-safe. */
export function newTicketId(): string {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const id = pool.toString('base64url', poolOffset, poolOffset + TICKET_ID_BYTES);
  poolOffset += TICKET_ID_BYTES;
  return id;
}
/** 256 bits; prefixed so the server knows where to look it up. */
export const newToken = (kind: 'staff' | 'device'): string => `${kind === 'staff' ? 'fs' : 'fd'}_${randomBytes(32).toString('base64url')}`;
