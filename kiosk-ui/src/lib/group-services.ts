// The start screen lists services under their agency, in the order the admin gave the services. A service
// no counter is assigned to is left out: its ticket could never be called.
import type { ServiceWithQueue } from '@foleni/shared';

export interface AgencyGroup {
  agency: string;
  services: ServiceWithQueue[];
}

export function groupByAgency(services: readonly ServiceWithQueue[]): AgencyGroup[] {
  const sorted = [...services].filter((s) => s.active && s.served).sort((a, b) => a.order - b.order || a.code.localeCompare(b.code));
  const groups = new Map<string, AgencyGroup>();
  for (const service of sorted) {
    const agency = service.agency.trim();
    let group = groups.get(agency);
    if (!group) {
      group = { agency, services: [] };
      groups.set(agency, group);
    }
    group.services.push(service);
  }
  return [...groups.values()];
}
