// Slows password guessing without locking anyone out: only failed sign-ins count, and they slow down the
// (name, address) they came from and the address over all names, never the name everywhere, so twenty wrong
// tries from phones on the Wi-Fi leave the clerk at their own counter free to sign in. Past five failures a
// (name, address) waits 1 s, then 2, 4… up to 15 min: a guesser there gets about 20 tries in the first
// quarter hour and 4 an hour after. Failures of one name
// from any addresses are still counted, to tell the manager when it is under attack. In memory: a restart
// forgets, which costs an attacker nothing they could not get by waiting.
import type { Clock } from '../clock.js';

export interface ThrottleLimits {
  /** Failures of one name from one address before each further try waits (1 s, then doubling). */
  freePerNameAndAddress: number;
  /** Failures from one address over all names before each further try waits. */
  freePerAddress: number;
  /** The longest wait. */
  maxDelayMs: number;
  /** Failures are forgotten after this long without another (longer than the longest wait, or waiting it would wipe them). */
  forgetAfterMs: number;
  /** Failures of one name from any addresses within this window mean it is under attack... */
  attackWindowMs: number;
  /** ...when they are this many. */
  attackFailures: number;
}

export const LOGIN_LIMITS: ThrottleLimits = {
  freePerNameAndAddress: 5,
  freePerAddress: 20,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
  attackWindowMs: 15 * 60_000,
  attackFailures: 20,
};

/** Why a try must wait, as logged. */
export type ThrottleReason = 'name-and-address' | 'address';

export type Admission = { ok: true } | { ok: false; reason: ThrottleReason; retryAfterMs: number };

/** What one more failure of a name means for the manager: reported once per window. */
export interface AttackReport {
  username: string;
  failures: number;
  addresses: number;
  since: number;
}

interface Tally {
  failures: number;
  lastAt: number;
  /** Tries admitted and not yet decided: while one is out past the free tries, another must wait. */
  inFlight: number;
}

interface NameWindow {
  start: number;
  failures: number;
  addresses: Set<string>;
  reported: boolean;
}

/** Entries kept per map before the stale ones are swept: bounds memory under a spray of names. */
const MAX_ENTRIES = 20_000;
const MAX_ADDRESSES_TRACKED = 1_000;

export class LoginThrottle {
  private readonly pairs = new Map<string, Tally>();
  private readonly addresses = new Map<string, Tally>();
  private readonly names = new Map<string, NameWindow>();

  constructor(
    private readonly clock: Clock,
    private readonly limits: ThrottleLimits = LOGIN_LIMITS,
    /** false: every try is admitted (FOLENI_RATE_LIMITS=off); failures are still counted for attack reports. */
    private readonly enabled = true,
  ) {}

  /** May `username` try a password from `address` now? An admitted try must be ended by `succeeded` or `failed`. */
  admit(username: string, address: string): Admission {
    const now = this.clock.now();
    const pair = this.tally(this.pairs, pairKey(username, address), now);
    const byAddress = this.tally(this.addresses, address, now);
    if (this.enabled) {
      const wait =
        this.waitFor(pair, this.limits.freePerNameAndAddress, now, 'name-and-address') ?? this.waitFor(byAddress, this.limits.freePerAddress, now, 'address');
      if (wait) return wait;
    }
    pair.inFlight++;
    byAddress.inFlight++;
    return { ok: true };
  }

  /** The password was right: this name at this address starts afresh (the address keeps its other failures). */
  succeeded(username: string, address: string): void {
    this.pairs.delete(pairKey(username, address));
    const byAddress = this.addresses.get(address);
    if (byAddress) byAddress.inFlight = Math.max(0, byAddress.inFlight - 1);
  }

  /** The check could not be made (an error): neither a success nor a failure. */
  released(username: string, address: string): void {
    for (const t of [this.pairs.get(pairKey(username, address)), this.addresses.get(address)]) if (t) t.inFlight = Math.max(0, t.inFlight - 1);
  }

  /** The password was wrong: counted, and reported once per window when the name is under attack. */
  failed(username: string, address: string): AttackReport | null {
    const now = this.clock.now();
    for (const t of [this.tally(this.pairs, pairKey(username, address), now), this.tally(this.addresses, address, now)]) {
      t.failures++;
      t.lastAt = now;
      t.inFlight = Math.max(0, t.inFlight - 1);
    }
    let w = this.names.get(username);
    if (!w || now - w.start >= this.limits.attackWindowMs) {
      if (this.names.size >= MAX_ENTRIES) this.sweep(this.names, now, this.limits.attackWindowMs);
      w = { start: now, failures: 0, addresses: new Set(), reported: false };
      this.names.set(username, w);
    }
    w.failures++;
    if (w.addresses.size < MAX_ADDRESSES_TRACKED) w.addresses.add(address);
    if (w.reported || w.failures < this.limits.attackFailures) return null;
    w.reported = true;
    return { username, failures: w.failures, addresses: w.addresses.size, since: w.start };
  }

  /** How failures since the free ones grow the wait: 1 s after the first beyond them, then doubling. */
  private delayAfter(failures: number, free: number): number {
    return Math.min(1000 * 2 ** (failures - free), this.limits.maxDelayMs);
  }

  private waitFor(t: Tally, free: number, now: number, reason: ThrottleReason): Admission | null {
    if (t.failures + t.inFlight < free) return null;
    // Past the free tries only one guess at a time, or a burst sent at once would all be checked.
    if (t.inFlight > 0) return { ok: false, reason, retryAfterMs: 1000 };
    if (t.failures < free) return null;
    const until = t.lastAt + this.delayAfter(t.failures, free);
    return now < until ? { ok: false, reason, retryAfterMs: until - now } : null;
  }

  private tally(map: Map<string, Tally>, key: string, now: number): Tally {
    let t = map.get(key);
    if (t && t.inFlight === 0 && now - t.lastAt >= this.limits.forgetAfterMs) {
      map.delete(key);
      t = undefined;
    }
    if (!t) {
      if (map.size >= MAX_ENTRIES) this.sweep(map, now, this.limits.forgetAfterMs);
      t = { failures: 0, lastAt: now, inFlight: 0 };
      map.set(key, t);
    }
    return t;
  }

  /** Drops what the window has forgotten; if a flood left nothing stale, the oldest half goes. */
  private sweep(map: Map<string, Tally> | Map<string, NameWindow>, now: number, keepMs: number): void {
    for (const [k, v] of map) {
      const last = 'lastAt' in v ? (v.inFlight > 0 ? now : v.lastAt) : v.start;
      if (now - last >= keepMs) map.delete(k);
    }
    if (map.size >= MAX_ENTRIES) {
      let drop = Math.floor(map.size / 2);
      for (const k of map.keys()) {
        if (drop-- <= 0) break;
        map.delete(k);
      }
    }
  }
}

const pairKey = (username: string, address: string): string => `${username}\u0000${address}`;
