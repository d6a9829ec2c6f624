// Journeys in the manager's figures: per journey over a report's range, its tickets, how many went through
// every step, the whole visit (first issue to last step done) and each step's wait (joining the step's
// line to the first call there), as nearest-rank median and 90th percentile in whole minutes rounded up,
// as every wait in a report is counted (wait-histogram.ts). Read from each ticket's own copy of its steps.
import type { JourneyReportRow, Translated } from '@foleni/shared';
import type { Repositories } from '../repositories/index.js';
import { nearestRank, reportedMinutes } from './wait-histogram.js';

const percentiles = (values: number[]) => {
  const sorted = values.sort((a, b) => a - b);
  const at = (q: number) => {
    const v = nearestRank(sorted, q);
    return v === null ? null : reportedMinutes(v);
  };
  return { median: at(0.5), p90: at(0.9) };
};

export function journeyReport(repos: Repositories, from: string, to: string): JourneyReportRow[] {
  const byJourney = new Map<string, { tickets: number; completed: number; visits: number[]; steps: Map<string, { step: number; serviceId: string; waits: number[] }> }>();
  for (const t of repos.journeys.between(from, to)) {
    let j = byJourney.get(t.journeyId);
    if (!j) byJourney.set(t.journeyId, (j = { tickets: 0, completed: 0, visits: [], steps: new Map() }));
    j.tickets++;
    const last = t.legs.at(-1);
    if (t.ended === 'completed' && last?.doneAt != null) {
      j.completed++;
      j.visits.push(last.doneAt - t.issuedAt);
    }
    for (const leg of t.legs) {
      if (leg.calledAt === null) continue;
      const key = `${leg.step}|${leg.serviceId}`;
      let s = j.steps.get(key);
      if (!s) j.steps.set(key, (s = { step: leg.step + 1, serviceId: leg.serviceId, waits: [] }));
      s.waits.push(Math.max(0, leg.calledAt - leg.queuedAt));
    }
  }
  const name = (id: string): Translated => repos.services.getAny(id)?.name ?? { en: id, sw: id };
  return [...byJourney].flatMap(([journeyId, j]) => {
    const journey = repos.journeys.get(journeyId);
    if (!journey) return [];
    const visit = percentiles(j.visits);
    return [
      {
        journeyId,
        code: journey.code,
        name: journey.name,
        tickets: j.tickets,
        completed: j.completed,
        medianVisitMinutes: visit.median,
        p90VisitMinutes: visit.p90,
        steps: [...j.steps.values()]
          .sort((a, b) => a.step - b.step)
          .map((s) => {
            const w = percentiles(s.waits);
            return { step: s.step, serviceId: s.serviceId, name: name(s.serviceId), waits: s.waits.length, medianWaitMinutes: w.median, p90WaitMinutes: w.p90 };
          }),
      },
    ];
  }).sort((a, b) => a.code.localeCompare(b.code));
}
