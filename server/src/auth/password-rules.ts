// What a staff password may not be, beyond its length (the schema's 8 characters): one of the most common
// passwords, one character repeated, or the username itself. Guessers try exactly these first, and the
// sign-in throttle lets a patient one through a few hundred tries a day.
import { readFileSync } from 'node:fs';
import { fieldRefused } from '../admin/admin-body.js';

const COMMON = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#')),
);

/** Words a guesser at a Foleni centre tries first, alone or with digits after them (admin123, manager1). */
const CENTRE_WORDS = new Set(['admin', 'administrator', 'manager', 'clerk', 'staff', 'foleni', 'huduma', 'password', 'kenya', 'nairobi', 'welcome']);

/** A run of the alphabet or of digits, up or down (abcdefgh, 87654321). */
function isRun(text: string): boolean {
  const codes = [...text].map((c) => c.codePointAt(0)!);
  const step = codes[1]! - codes[0]!;
  return (step === 1 || step === -1) && codes.every((c, i) => i === 0 || c - codes[i - 1]! === step);
}

/** Why `password` will not do for `username`, in the words of the form it is typed into; null when it will. */
export function passwordProblem(password: string, username: string): string | null {
  const folded = password.normalize('NFC').toLowerCase();
  if (/^(.)\1*$/su.test(folded)) return 'The password is one character repeated: choose one that is harder to guess.';
  if (folded === username.normalize('NFC').toLowerCase()) return 'The password is the username: choose one that is harder to guess.';
  if (COMMON.has(folded)) return 'The password is one of the most common passwords, which are tried first: choose one that is harder to guess.';
  if (isRun(folded)) return 'The password is a run of letters or digits (like abcdefgh or 87654321): choose one that is harder to guess.';
  const stem = folded.replace(/[\d\W_]+$/u, '');
  if (CENTRE_WORDS.has(stem) || stem === username.normalize('NFC').toLowerCase()) {
    return 'The password is a word guessers try first (a role, the centre, the username) with digits after it: choose one that is harder to guess.';
  }
  return null;
}

/** Refuses (400 `invalid-body`, the problem under `field`) a password the rules above refuse. */
export function requireGoodPassword(password: string, username: string, field = 'password'): void {
  const problem = passwordProblem(password, username);
  if (problem) throw fieldRefused(field, problem);
}

/** How many common passwords are refused (for tests and the README's figure). */
export const commonPasswordCount = (): number => COMMON.size;
