// The start screen lists services under their agency, in the order the admin gave the services. A service
// no counter is assigned to is left out: its ticket could never be called.
import type { JourneyWithSteps, Lang, ServiceWithQueue } from '@foleni/shared';

export interface AgencyGroup {
  /** The agency as the centre writes it: the group's key. */
  agency: string;
  /** Its Kiswahili name, from the first of its services that has one (null: none has). */
  agencySw: string | null;
  services: ServiceWithQueue[];
  /** Journeys whose first step is one of its services, after them; only those with every step served. */
  journeys: JourneyWithSteps[];
}

export function groupByAgency(services: readonly ServiceWithQueue[], journeys: readonly JourneyWithSteps[] = []): AgencyGroup[] {
  const sorted = [...services].filter((s) => s.active && s.served).sort((a, b) => a.order - b.order || a.code.localeCompare(b.code));
  const groups = new Map<string, AgencyGroup>();
  for (const service of sorted) {
    const agency = service.agency.trim();
    let group = groups.get(agency);
    if (!group) {
      group = { agency, agencySw: null, services: [], journeys: [] };
      groups.set(agency, group);
    }
    group.agencySw ??= service.agencySw?.trim() || null;
    group.services.push(service);
  }
  for (const journey of journeys) {
    const first = journey.stepServices[0];
    if (journey.active && journey.served && first) groups.get(first.agency.trim())?.journeys.push(journey);
  }
  return [...groups.values()];
}

/** The group's heading in the kiosk's language: in Kiswahili its Kiswahili name if it has one, else as written. */
export function agencyHeading(group: AgencyGroup, lang: Lang): string {
  return lang === 'sw' ? (group.agencySw ?? group.agency) : group.agency;
}
