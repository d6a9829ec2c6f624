// Random ids. Ticket ids are the key to a ticket's tracker page, so they are long and unguessable.
import { randomBytes, randomFillSync } from 'node:crypto';
import { PAIRING_CODE_ALPHABET, PAIRING_CODE_LENGTH } from '@foleni/shared';

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
const RANDOM_BYTES = 11;
const pool = Buffer.alloc(RANDOM_BYTES * 256);
let poolOffset = pool.length;
// The URL-safe base64 characters in ASCII order, so that ids made later sort after earlier ones.
const SORTED_64 = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';

/**
 * 22 URL-safe characters: the time in ms (7 characters, in sorting order, good until 2109) then 88 random bits. Time first
 * (as in UUIDv7) puts each new ticket at the end of the id index instead of on a random page of it, which
 * saves the durable commit a page per ticket; the random part alone keeps the id unguessable.
 */
export function newTicketId(now = Date.now()): string {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  let time = '';
  for (let rest = now, i = 0; i < 7; i++, rest = Math.floor(rest / 64)) time = SORTED_64[rest % 64]! + time;
  const id = time + pool.toString('base64url', poolOffset, poolOffset + RANDOM_BYTES);
  poolOffset += RANDOM_BYTES;
  return id;
}
const KEY_BYTES = 16;
const keyPool = Buffer.alloc(KEY_BYTES * 256);
let keyOffset = keyPool.length;

/**
 * The secret in a citizen's tracking link that lets them, and nobody who only knows the ticket id, rate the
 * visit: 128 bits, 22 URL-safe characters. Made once a ticket, so its bytes come from a pool of their own,
 * filled 256 keys at a time like the ids' (a call to the generator per ticket cost issuing several µs).
 */
export function newFeedbackKey(): string {
  if (keyOffset === keyPool.length) {
    randomFillSync(keyPool);
    keyOffset = 0;
  }
  const key = keyPool.toString('base64url', keyOffset, keyOffset + KEY_BYTES);
  keyOffset += KEY_BYTES;
  return key;
}

/** 256 bits; prefixed so the server knows where to look it up. */
export const newToken = (kind: 'staff' | 'device'): string => `${kind === 'staff' ? 'fs' : 'fd'}_${randomBytes(32).toString('base64url')}`;

/** A one-time pairing code: 8 characters a person can read off a screen without mistaking one for another. */
export function newPairingCode(): string {
  let out = '';
  for (const b of randomBytes(PAIRING_CODE_LENGTH)) out += PAIRING_CODE_ALPHABET[b & 31];
  return out;
}
