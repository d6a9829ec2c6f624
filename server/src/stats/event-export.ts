// One line of the NDJSON event log for head office: the raw event, with readable names beside the ids.
import type { RawEvent } from '../repositories/stats.repository.js';

export interface EventLine {
  seq: number;
  at: string;
  day: string;
  type: string;
  ticketId: string | null;
  label: string | null;
  serviceId: string | null;
  serviceCode: string | null;
  counterId: string | null;
  counterName: string | null;
  userId: string | null;
  data: unknown;
}

export function eventLine(
  e: RawEvent,
  names: { services: Map<string, { code: string }>; counters: Map<string, string> },
): EventLine {
  return {
    seq: e.seq,
    at: new Date(e.at).toISOString(),
    day: e.day,
    type: e.type,
    ticketId: e.ticket_id,
    label: e.label,
    serviceId: e.service_id,
    serviceCode: e.service_id ? (names.services.get(e.service_id)?.code ?? null) : null,
    counterId: e.counter_id,
    counterName: e.counter_id ? (names.counters.get(e.counter_id) ?? null) : null,
    userId: e.user_id,
    data: e.data ? (JSON.parse(e.data) as unknown) : null,
  };
}
