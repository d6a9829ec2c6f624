// The routing rule (docs/architecture.md, "Routing" and "Appointments") as a pure function over waiting
// tickets, with bookings in it: TicketRepository.nextFor asks SQLite the same question, and a test holds the
// two to the same answers, so the property test of the guarantee (booked-routing.test.ts) runs on this one in
// memory, over thousands of days in seconds.

export interface WaitingTicket {
  rowid: number;
  serviceId: string;
  /** Ms: the issue time of a walk-in, the slot's start for a checked-in booking. */
  arrivalAt: number;
  priority: boolean;
  /** A booked ticket is not called before this; null for a walk-in. */
  notBefore: number | null;
}

/**
 * The ticket a counter calls next: among those waiting for its services and not held, the earliest effective
 * arrival (arrival − head start if priority − the service's preference bonus at that counter), then the
 * earliest issued (rowid).
 */
export function nextToCall<T extends WaitingTicket>(
  waiting: readonly T[],
  services: readonly { serviceId: string; bonusMs: number }[],
  headMs: number,
  now: number,
): T | undefined {
  const bonus = new Map(services.map((s) => [s.serviceId, s.bonusMs]));
  let best: T | undefined;
  let bestKey = Infinity;
  for (const t of waiting) {
    const b = bonus.get(t.serviceId);
    if (b === undefined || (t.notBefore !== null && t.notBefore > now)) continue;
    const key = t.arrivalAt - (t.priority ? headMs : 0) - b;
    if (key < bestKey || (key === bestKey && best !== undefined && t.rowid < best.rowid)) {
      best = t;
      bestKey = key;
    }
  }
  return best;
}
