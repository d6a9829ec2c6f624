// A centre's setup copied from one server to another (GET/POST /api/v1/admin/setup): the outreach laptop
// starts from its parent centre's services, counters, staff and kiosks in one step. Loading is all or
// nothing: the file is checked whole (its schema, then how its parts refer to each other) before one write
// makes everything, so a broken file changes nothing. Staff arrive without passwords (none leaves the parent
// centre): each new account gets a one-time password, shown once in the answer, to change at first sign-in.
import { randomInt } from 'node:crypto';
import { SETUP_FORMAT, SETUP_VERSION, WEEKDAYS } from '@foleni/shared';
import type { Centre, CentreSetup, Service, SetupLoaded, SetupSections } from '@foleni/shared';
import type { StaffActor } from '../auth/actor.js';
import { hashPassword } from '../auth/passwords.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/db.js';
import type { WriteQueue } from '../db/write-queue.js';
import { AppError } from '../errors.js';
import { newId } from '../ids.js';
import type { CentreService } from '../queue/centre.service.js';
import type { DeviceRecord } from '../repositories/device.repository.js';
import type { Repositories } from '../repositories/index.js';
import type { AdminService } from './admin.service.js';

// No 0/O, 1/l/I: read off a screen and typed on another, a one-time password must not be misread.
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const PASSWORD_LENGTH = 12;

export class SetupService {
  constructor(
    private readonly db: Db,
    private readonly repos: Repositories,
    private readonly writes: WriteQueue,
    private readonly clock: Clock,
    private readonly centre: CentreService,
    private readonly admin: AdminService,
  ) {}

  /** Everything an admin configured, without secrets: no password hash, no device token, no ticket address. */
  exportSetup(): CentreSetup {
    const c = this.centre.get();
    const services = this.repos.services.list();
    const codeOf = new Map(services.map((s) => [s.id, s.code]));
    return {
      format: SETUP_FORMAT,
      version: SETUP_VERSION,
      exportedAt: new Date(this.clock.now()).toISOString(),
      from: { code: c.code, name: c.name },
      sections: {
        centre: {
          code: c.code,
          name: c.name,
          timezone: c.timezone,
          languages: c.languages,
          openingHours: c.openingHours,
          ticketFooter: c.ticketFooter,
          notices: c.notices,
          priorityHeadStartMinutes: c.priorityHeadStartMinutes,
          preferenceBonusMinutes: c.preferenceBonusMinutes,
          wifiName: c.wifiName,
        },
        services: services.map((s) => ({ code: s.code, name: s.name, agency: s.agency, agencySw: s.agencySw, slaMinutes: s.slaMinutes, serviceMinutes: s.serviceMinutes, active: s.active, order: s.order, booking: s.booking })),
        counters: this.repos.counters.list().map((k) => ({ name: k.name, zone: k.zone, active: k.active, serviceCodes: k.serviceIds.map((id) => codeOf.get(id)).filter((code): code is string => code !== undefined) })),
        staff: this.repos.users.list().map((u) => ({ username: u.username, displayName: u.displayName, role: u.role, active: u.active })),
        devices: this.repos.devices
          .list()
          .filter((d) => d.status === 'active')
          .map((d) => ({ kind: d.kind, name: d.name, zone: d.zone, printer: d.printer })),
        journeys: this.repos.journeys.list().map((j) => ({ code: j.code, name: j.name, active: j.active, order: j.order, stepCodes: j.steps.map((id) => codeOf.get(id)).filter((code): code is string => code !== undefined) })),
      },
    };
  }

  /**
   * Loads a setup (already checked against its schema) into this centre, which must have no tickets,
   * services, counters or devices yet. Refused whole, with every reason, when any part is wrong.
   */
  async importSetup(setup: CentreSetup, actor: StaffActor): Promise<SetupLoaded> {
    const s = setup.sections;
    const problems = crossCheck(s);
    if (problems.length > 0) throw new AppError(400, 'setup-invalid', `The setup file cannot be loaded: ${problems.join('; ')}.`, { problems });
    // Hashing is slow (scrypt): done before the write, for the accounts that will be new.
    const fresh = s.staff.filter((u) => !this.repos.users.byUsername(u.username));
    const accounts = await Promise.all(
      fresh.map(async (u) => {
        const oneTimePassword = Array.from({ length: PASSWORD_LENGTH }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join('');
        return { ...u, oneTimePassword, passwordHash: await hashPassword(oneTimePassword) };
      }),
    );
    return this.writes.run((tx) => {
      const inUse = this.inUse();
      if (inUse.length > 0) {
        throw new AppError(409, 'centre-in-use', `This centre already has ${inUse.join(', ')}: a setup loads only into a new centre (start one with an empty data folder and FOLENI_DEMO=0).`, { inUse });
      }
      const now = this.clock.now();
      const current = this.centre.get();
      const next: Centre = { ...current, ...s.centre, openingHours: { ...current.openingHours, ...s.centre.openingHours, closedDates: [...(s.centre.openingHours.closedDates ?? [])].sort() } };
      this.centre.save(next);
      const idOf = new Map<string, string>();
      for (const body of s.services) {
        const service: Service = { id: newId('svc'), ...body, agencySw: body.agencySw ?? null };
        this.repos.services.insert(service, now);
        idOf.set(service.code, service.id);
      }
      for (const k of s.counters) {
        this.repos.counters.insert({ id: newId('ctr'), name: k.name, zone: k.zone, active: k.active, serviceIds: k.serviceCodes.map((code) => idOf.get(code)!) }, now);
      }
      // Counted again inside the write: someone may have made an account since the hashing began.
      const made = accounts.filter((u) => !this.repos.users.byUsername(u.username));
      for (const u of made) this.repos.users.insert({ id: newId('usr'), username: u.username, displayName: u.displayName, role: u.role, active: u.active, passwordHash: u.passwordHash }, now);
      const devices: DeviceRecord[] = s.devices.map((d) => ({
        id: newId('dev'),
        kind: d.kind,
        name: d.name,
        zone: d.zone,
        printer: d.kind === 'kiosk' ? d.printer : null,
        printerStatus: d.kind === 'kiosk' && d.printer?.url === 'preview' ? 'preview' : 'unknown',
        printerProblem: null,
        status: 'active',
        lastSeenAt: null,
        pairedAt: null,
        pairedBy: null,
      }));
      for (const d of devices) this.repos.devices.insert(d, now);
      const journeys = s.journeys ?? [];
      for (const j of journeys) {
        this.repos.journeys.save({ id: newId('jny'), code: j.code, name: j.name, active: j.active, order: j.order, steps: j.stepCodes.map((code) => idOf.get(code)!) }, now);
      }
      const loaded = { services: s.services.length, counters: s.counters.length, staff: made.length, devices: devices.length, journeys: journeys.length };
      const kept = s.staff.filter((u) => !made.some((m) => m.username === u.username)).map((u) => u.username);
      this.repos.audit.append({ at: now, userId: actor.id, action: 'load', entity: 'setup', entityId: null, data: { from: setup.from, exportedAt: setup.exportedAt, loaded, kept } });
      this.admin.setupLoaded(tx, devices);
      return { loaded, kept, passwords: made.map((u) => ({ username: u.username, displayName: u.displayName, role: u.role, oneTimePassword: u.oneTimePassword })) };
    });
  }

  /** What stops a setup from loading here: anything a centre makes once it is used. */
  private inUse(): string[] {
    const count = (table: string, where = '') => this.db.prepare(`SELECT COUNT(*) FROM ${table} ${where}`).pluck().get() as number;
    const found: string[] = [];
    const add = (n: number, one: string, many: string) => n > 0 && found.push(`${n} ${n === 1 ? one : many}`);
    add(count('tickets'), 'ticket', 'tickets');
    add(count('services', 'WHERE deleted_at IS NULL'), 'service', 'services');
    add(count('counters', 'WHERE deleted_at IS NULL'), 'counter', 'counters');
    add(count('devices'), 'kiosk or display', 'kiosks or displays');
    return found;
  }
}

/** How the parts of a setup refer to each other: every reason it cannot load, in words. */
function crossCheck(s: SetupSections): string[] {
  const problems: string[] = [];
  const twice = (what: string, keys: string[]) => {
    const seen = new Set<string>();
    for (const k of keys) {
      if (seen.has(k.toLowerCase())) problems.push(`${what} ${k} is listed twice`);
      seen.add(k.toLowerCase());
    }
  };
  twice('service code', s.services.map((x) => x.code));
  twice('counter', s.counters.map((x) => x.name));
  twice('username', s.staff.map((x) => x.username));
  twice('device', s.devices.map((x) => x.name));
  const codes = new Set(s.services.map((x) => x.code));
  for (const k of s.counters) for (const code of k.serviceCodes) if (!codes.has(code)) problems.push(`${k.name} serves ${code}, which is not among the services`);
  for (const d of s.devices) if (d.kind === 'display' && d.printer) problems.push(`display ${d.name} has a printer`);
  twice('journey code', (s.journeys ?? []).map((j) => j.code));
  for (const j of s.journeys ?? []) {
    for (const code of j.stepCodes) if (!codes.has(code)) problems.push(`journey ${j.code} has a step ${code}, which is not among the services`);
    if (j.stepCodes.some((code, i) => i > 0 && j.stepCodes[i - 1] === code)) problems.push(`journey ${j.code} has the same service twice in a row`);
  }
  for (const day of WEEKDAYS) {
    const h = s.centre.openingHours[day];
    if (h && !(h.opens < h.closes)) problems.push(`${day} opens after it closes`);
  }
  return problems;
}
