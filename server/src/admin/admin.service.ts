// Configuration of the centre by its admin: every change is validated, written through the queue's
// write path and recorded in the audit log (who, what, when).
import type {
  Centre,
  CreateCounterBody,
  CreateDeviceBody,
  CreateServiceBody,
  CreateUserBody,
  Pairing,
  Service,
  UpdateCentreBody,
  UpdateCounterBody,
  UpdateDeviceBody,
  UpdateServiceBody,
  UpdateUserBody,
  User,
} from '@foleni/shared';
import type { StaffActor } from '../auth/actor.js';
import { SYSTEM } from '../auth/actor.js';
import { hashToken } from '../auth/auth.service.js';
import { requireGoodPassword } from '../auth/password-rules.js';
import { hashPassword } from '../auth/passwords.js';
import { fieldRefused } from './admin-body.js';
import { changesOf } from './audit-changes.js';
import type { Clock } from '../clock.js';
import { iso } from '../clock.js';
import type { Tx, WriteQueue } from '../db/write-queue.js';
import { AppError, badRequest, conflict, notFound } from '../errors.js';
import { newId, newPairingCode, newToken } from '../ids.js';
import type { CentreService } from '../queue/centre.service.js';
import type { QueueService } from '../queue/queue.service.js';
import type { CounterRecord } from '../repositories/counter.repository.js';
import type { DeviceRecord } from '../repositories/device.repository.js';
import type { Repositories } from '../repositories/index.js';
import { publicUser } from '../repositories/user.repository.js';

/** What the audit log names as the thing changed. */
type AuditEntity = 'services' | 'counters' | 'devices' | 'centre' | 'users';

/** The settings every screen shows: what is served where, and the centre's name, hours and notices. */
export type ConfigKind = 'services' | 'counters' | 'centre';

/**
 * How a device changed: its token is void after `rotate-token` and `revoke`, and after `pair` the token
 * the device had before is (a screen took a new one with a pairing code).
 */
export type DeviceChange = 'create' | 'update' | 'rotate-token' | 'revoke' | 'pair';

/** A pairing link is valid this long: time to carry it from the admin's desk to the screen, not a day. */
export const PAIRING_CODE_MS = 15 * 60_000;

/** What the rest of the server is told once an admin's change has committed. */
export interface AdminEvents {
  /** The device as written: its printer and status may have changed. */
  deviceChanged(device: DeviceRecord, change: DeviceChange): void;
  /** A user's role, password or active flag may have changed. */
  userChanged(user: { id: string; active: boolean }): void;
  /** Once per change, however many services or counters it touched. */
  configChanged(kind: ConfigKind): void;
}

/**
 * What switching a counter off or deleting it needs from the queue: closing it by the queue's rule (not
 * with a customer at it), with the counter's event and push, inside the admin's own write.
 */
export type CounterCloser = Pick<QueueService, 'closeWithin'>;

export class AdminService {
  private listeners: AdminEvents[] = [];

  constructor(
    private readonly repos: Repositories,
    private readonly writes: WriteQueue,
    private readonly clock: Clock,
    private readonly centre: CentreService,
    /** The address printed on tickets now, which pairing links use too. */
    private readonly publicUrl: () => string,
    /** Switching a counter off or deleting it closes it by the queue's own rule, in the same commit. */
    private readonly queue: CounterCloser,
  ) {}

  subscribe(listener: AdminEvents): void {
    this.listeners.push(listener);
  }

  private audit(actor: StaffActor | null, action: string, entity: AuditEntity, entityId: string | null, data: unknown): void {
    this.repos.audit.append({ at: this.clock.now(), userId: actor?.id ?? null, action, entity, entityId, data });
  }

  /** Tells the listeners after the commit (nothing if the write is undone). */
  private tell(tx: Tx, event: (l: AdminEvents) => void): void {
    tx.afterCommit(() => {
      for (const l of this.listeners) event(l);
    });
  }

  private configChanged(tx: Tx, kind: ConfigKind): void {
    this.tell(tx, (l) => l.configChanged(kind));
  }

  /** A whole setup was written in `tx` (setup.service.ts): screens and printers hear of it as of any change. */
  setupLoaded(tx: Tx, devices: DeviceRecord[]): void {
    for (const d of devices) this.tell(tx, (l) => l.deviceChanged(d, 'create'));
    for (const kind of ['centre', 'services', 'counters'] as const) this.configChanged(tx, kind);
  }

  // ---- services ----

  createService(body: CreateServiceBody, actor: StaffActor | null): Promise<Service> {
    return this.writes.run((tx) => {
      this.requireCodeFree(body.code, null);
      const service: Service = {
        id: newId('svc'),
        code: body.code,
        name: body.name,
        agency: body.agency,
        agencySw: body.agencySw,
        slaMinutes: body.slaMinutes,
        serviceMinutes: body.serviceMinutes,
        active: body.active,
        order: body.order ?? this.repos.services.nextOrder(),
        booking: body.booking,
      };
      this.repos.services.insert(service, this.clock.now());
      this.audit(actor, 'create', 'services', service.id, service);
      this.configChanged(tx, 'services');
      return service;
    });
  }

  updateService(id: string, body: UpdateServiceBody, actor: StaffActor | null): Promise<Service> {
    return this.writes.run((tx) => {
      const current = this.repos.services.get(id);
      if (!current) throw notFound('service');
      if (body.code && body.code !== current.code) {
        this.requireCodeFree(body.code, id);
        if (this.repos.tickets.countOnDay(this.centre.today(), id) > 0) {
          throw conflict('code-in-use', `${current.code} has tickets today: its code can change tomorrow.`);
        }
      }
      const next: Service = { ...current, ...body, name: body.name ?? current.name, booking: { ...current.booking, ...body.booking } };
      this.repos.services.update(next);
      this.audit(actor, 'update', 'services', id, { changed: changesOf(current, next, Object.keys(body)) });
      this.configChanged(tx, 'services');
      return next;
    });
  }

  /** A service with tickets today is deactivated, not deleted, so today's tickets keep their meaning. */
  deleteService(id: string, actor: StaffActor | null): Promise<{ deleted: boolean; service: Service }> {
    return this.writes.run((tx) => {
      const current = this.repos.services.get(id);
      if (!current) throw notFound('service');
      if (this.repos.tickets.countOnDay(this.centre.today(), id) > 0) {
        const service = { ...current, active: false };
        this.repos.services.update(service);
        this.audit(actor, 'deactivate', 'services', id, null);
        this.configChanged(tx, 'services');
        return { deleted: false, service };
      }
      // A counter would otherwise keep serving a service nobody can find, and refuse to be saved.
      for (const counter of this.repos.counters.list()) {
        if (!counter.serviceIds.includes(id)) continue;
        const serviceIds = counter.serviceIds.filter((s) => s !== id);
        this.repos.counters.setServices(counter.id, serviceIds);
        this.audit(actor, 'update', 'counters', counter.id, { changed: changesOf(counter, { serviceIds }, ['serviceIds']) });
      }
      this.repos.services.markDeleted(id, this.clock.now());
      this.audit(actor, 'delete', 'services', id, null);
      this.configChanged(tx, 'services');
      return { deleted: true, service: { ...current, active: false } };
    });
  }

  private requireCodeFree(code: string, exceptId: string | null): void {
    const other = this.repos.services.byCode(code);
    if (other && other.id !== exceptId) throw conflict('code-taken', `The code ${code} is used by ${other.name.en}.`);
    // A deleted service's code is free again, but not on a day its tickets already carry it.
    if (this.repos.tickets.codeUsedOn(this.centre.today(), code)) {
      throw conflict('code-in-use', `Tickets starting with ${code} were issued today: choose another code or wait until tomorrow.`);
    }
  }

  // ---- counters ----

  createCounter(body: CreateCounterBody, actor: StaffActor | null): Promise<CounterRecord> {
    return this.writes.run((tx) => {
      this.requireSomeService(body.name, body.active, body.serviceIds);
      this.requireServices(body.serviceIds);
      this.requireCounterNameFree(body.name, null);
      const id = newId('ctr');
      this.repos.counters.insert({ id, name: body.name, zone: body.zone, active: body.active, serviceIds: body.serviceIds }, this.clock.now());
      this.audit(actor, 'create', 'counters', id, body);
      this.configChanged(tx, 'counters');
      return this.repos.counters.get(id)!;
    });
  }

  /** Switching a counter off closes it first (`queue` does, by its rules); an inactive counter takes nobody. */
  updateCounter(id: string, body: UpdateCounterBody, actor: StaffActor | null): Promise<CounterRecord> {
    return this.writes.run((tx) => {
      const current = this.repos.counters.get(id);
      if (!current) throw notFound('counter');
      this.requireSomeService(body.name ?? current.name, body.active ?? current.active, body.serviceIds ?? current.serviceIds);
      if (body.serviceIds) this.requireServices(body.serviceIds);
      if (body.name !== undefined) this.requireCounterNameFree(body.name, id);
      if (body.active === false) this.queue.closeWithin(tx, current, actor ?? SYSTEM);
      if (body.serviceIds) this.repos.counters.setServices(id, body.serviceIds);
      this.repos.counters.update({ id, name: body.name ?? current.name, zone: body.zone ?? current.zone, active: body.active ?? current.active });
      const next = this.repos.counters.get(id)!;
      this.audit(actor, 'update', 'counters', id, { changed: changesOf(current, next, Object.keys(body)) });
      this.configChanged(tx, 'counters');
      return next;
    });
  }

  deleteCounter(id: string, actor: StaffActor | null): Promise<void> {
    return this.writes.run((tx) => {
      const current = this.repos.counters.get(id);
      if (!current) throw notFound('counter');
      this.queue.closeWithin(tx, current, actor ?? SYSTEM);
      this.repos.counters.markDeleted(id, this.clock.now());
      this.audit(actor, 'delete', 'counters', id, null);
      this.configChanged(tx, 'counters');
    });
  }

  /** Clerks pick their counter by name, and the screens call customers to it: two of one name would mislead. */
  private requireCounterNameFree(name: string, exceptId: string | null): void {
    const key = name.trim().toLowerCase();
    const other = this.repos.counters.list().find((c) => c.id !== exceptId && c.name.trim().toLowerCase() === key);
    if (other) throw conflict('counter-name-taken', `There is already a counter called ${other.name}: choose another name.`);
  }

  /** A counter in use with no services would be opened by a clerk who never gets anyone; one switched off may wait. */
  private requireSomeService(name: string, active: boolean, serviceIds: string[]): void {
    if (active && serviceIds.length === 0) {
      throw fieldRefused('serviceIds', `Choose at least one service for ${name}: a clerk who opens a counter with none never gets anyone. To keep it unused for now, switch it off.`);
    }
  }

  private requireServices(ids: string[]): void {
    for (const id of ids) if (!this.repos.services.get(id)) throw badRequest('unknown-service', `No service with id ${id}.`);
  }

  // ---- users ----

  async createUser(body: CreateUserBody, actor: StaffActor | null): Promise<User> {
    requireGoodPassword(body.password, body.username);
    const passwordHash = await hashPassword(body.password);
    return this.writes.run(() => {
      if (this.repos.users.byUsername(body.username)) throw conflict('username-taken', `The username ${body.username} is taken.`);
      const user = { id: newId('usr'), username: body.username, displayName: body.displayName, role: body.role, active: body.active, passwordHash };
      this.repos.users.insert(user, this.clock.now());
      this.audit(actor, 'create', 'users', user.id, { username: user.username, role: user.role });
      return publicUser(user);
    });
  }

  async updateUser(id: string, body: UpdateUserBody, actor: StaffActor | null): Promise<User> {
    if (body.password !== undefined) requireGoodPassword(body.password, this.repos.users.get(id)?.username ?? '');
    const passwordHash = body.password ? await hashPassword(body.password) : null;
    return this.writes.run((tx) => {
      const current = this.repos.users.get(id);
      if (!current) throw notFound('user');
      const next = {
        ...current,
        displayName: body.displayName ?? current.displayName,
        role: body.role ?? current.role,
        active: body.active ?? current.active,
        passwordHash: passwordHash ?? current.passwordHash,
      };
      if (current.role === 'admin' && (next.role !== 'admin' || !next.active)) this.requireAnotherAdmin(id);
      this.repos.users.update(next);
      // A reset password or a deactivation signs the user out everywhere.
      if (passwordHash || !next.active) this.repos.sessions.deleteForUser(id);
      this.audit(actor, 'update', 'users', id, { changed: changesOf(current, { ...next, password: body.password }, Object.keys(body), ['password']) });
      this.tell(tx, (l) => l.userChanged({ id, active: next.active }));
      return publicUser(next);
    });
  }

  deactivateUser(id: string, actor: StaffActor | null): Promise<User> {
    return this.updateUser(id, { active: false }, actor);
  }

  private requireAnotherAdmin(id: string): void {
    const others = this.repos.users.list().filter((u) => u.role === 'admin' && u.active && u.id !== id);
    if (others.length === 0) throw conflict('last-admin', 'This is the last active admin: make another admin first.');
  }

  // ---- devices ----

  /** A new device waits for a screen to pair with the code of its link (valid `pairingValidMs`). */
  createDevice(body: CreateDeviceBody, actor: StaffActor | null, opts: { pairingValidMs?: number } = {}): Promise<{ device: DeviceRecord; pairing: Pairing }> {
    return this.writes.run((tx) => {
      const device: DeviceRecord = {
        id: newId('dev'),
        kind: body.kind,
        name: body.name,
        zone: body.zone,
        printer: body.kind === 'kiosk' ? (body.printer ?? null) : null,
        printerStatus: body.printer?.url === 'preview' ? 'preview' : 'unknown',
        printerProblem: null,
        status: 'active',
        lastSeenAt: null,
        pairedAt: null,
        pairedBy: null,
      };
      if (body.kind === 'display' && body.printer) throw badRequest('display-printer', 'A display has no printer.');
      if (body.kind === 'integration' && body.printer) throw badRequest('integration-printer', 'An integration client has no printer.');
      this.repos.devices.insert(device, this.clock.now());
      this.audit(actor, 'create', 'devices', device.id, { kind: device.kind, name: device.name, zone: device.zone });
      this.tell(tx, (l) => l.deviceChanged(device, 'create'));
      return { device, pairing: this.newPairing(device, opts.pairingValidMs ?? PAIRING_CODE_MS) };
    });
  }

  updateDevice(id: string, body: UpdateDeviceBody, actor: StaffActor | null): Promise<{ device: DeviceRecord; pairing?: Pairing }> {
    return this.writes.run((tx) => {
      const current = this.repos.devices.get(id);
      if (!current) throw notFound('device');
      if (current.kind === 'display' && body.printer) throw badRequest('display-printer', 'A display has no printer.');
      if (current.kind === 'integration' && body.printer) throw badRequest('integration-printer', 'An integration client has no printer.');
      const printer = body.printer === undefined ? current.printer : body.printer;
      const device: DeviceRecord = {
        ...current,
        name: body.name ?? current.name,
        zone: body.zone ?? current.zone,
        printer,
        printerStatus: printer?.url === current.printer?.url ? current.printerStatus : printer?.url === 'preview' ? 'preview' : 'unknown',
        printerProblem: printer?.url === current.printer?.url ? current.printerProblem : null,
      };
      let pairing: Pairing | undefined;
      if (body.rotateToken) {
        // The screen holding the token is signed out now; the device waits for a screen to use the new link.
        device.status = 'active';
        device.pairedAt = null;
        device.pairedBy = null;
        this.repos.devices.setToken(id, null);
        pairing = this.newPairing(device, PAIRING_CODE_MS);
      }
      this.repos.devices.update(device);
      this.audit(actor, body.rotateToken ? 'rotate-token' : 'update', 'devices', id, { changed: changesOf(current, device, Object.keys(body).filter((k) => k !== 'rotateToken')) });
      this.tell(tx, (l) => l.deviceChanged(device, body.rotateToken ? 'rotate-token' : 'update'));
      return pairing ? { device, pairing } : { device };
    });
  }

  /**
   * A new pairing link. The screen that holds the device's token now keeps working until another screen
   * uses the link (then the token moves to it: one device, one screen); a lost or stolen screen is revoked
   * instead, or its token rotated. A revoked device becomes active again when a screen pairs with the link.
   */
  newPairingLink(id: string, actor: StaffActor | null): Promise<{ device: DeviceRecord; pairing: Pairing }> {
    return this.writes.run(() => {
      const device = this.repos.devices.get(id);
      if (!device) throw notFound('device');
      const pairing = this.newPairing(device, PAIRING_CODE_MS);
      this.audit(actor, 'pairing-link', 'devices', id, { expiresAt: pairing.expiresAt });
      return { device, pairing };
    });
  }

  /**
   * A screen exchanges a pairing code, once, for a new token of the code's device. The device's previous
   * token (another screen's, or this one's from an earlier pairing) stops working, and its sockets close.
   */
  pairDevice(code: string, browser: string | null): Promise<{ device: DeviceRecord; token: string }> {
    return this.writes.run((tx) => {
      const now = this.clock.now();
      const hash = hashToken(code);
      const found = this.repos.devices.pairingCode(hash);
      const current = found && this.repos.devices.get(found.deviceId);
      if (!found || !current) throw new AppError(404, 'pairing-code-unknown', 'This pairing code is not known. Ask the administrator for a new pairing link.');
      if (found.usedAt !== null) throw new AppError(410, 'pairing-code-used', 'This pairing link was already used. Ask the administrator for a new pairing link.');
      if (found.expiresAt <= now) throw new AppError(410, 'pairing-code-expired', 'This pairing link has expired. Ask the administrator for a new pairing link.');
      if (!this.repos.devices.usePairingCode(hash, now)) throw new AppError(410, 'pairing-code-used', 'This pairing link was already used. Ask the administrator for a new pairing link.');
      const token = newToken('device');
      const pairedBy = browser ? browser.slice(0, 200) : null;
      const device: DeviceRecord = { ...current, status: 'active', pairedAt: now, pairedBy };
      this.repos.devices.setToken(device.id, { hash: hashToken(token), pairedAt: now, pairedBy });
      this.repos.devices.update(device);
      this.audit(null, 'pair', 'devices', device.id, { browser: pairedBy });
      this.tell(tx, (l) => l.deviceChanged(device, 'pair'));
      return { device, token };
    });
  }

  /** Revoking withdraws the token and any unused pairing link: the device must be given a new link. */
  revokeDevice(id: string, actor: StaffActor | null): Promise<DeviceRecord> {
    return this.writes.run((tx) => {
      const current = this.repos.devices.get(id);
      if (!current) throw notFound('device');
      const device = { ...current, status: 'revoked' as const, pairedAt: null, pairedBy: null };
      this.repos.devices.setToken(id, null);
      this.repos.devices.endPairingCodes(id, this.clock.now());
      this.repos.devices.update(device);
      this.audit(actor, 'revoke', 'devices', id, null);
      this.tell(tx, (l) => l.deviceChanged(device, 'revoke'));
      return device;
    });
  }

  /** Inside a write: a new code for the device, kept only as its hash; earlier unused codes end. */
  private newPairing(device: DeviceRecord, validMs: number): Pairing {
    const now = this.clock.now();
    const code = newPairingCode();
    this.repos.devices.addPairingCode(device.id, hashToken(code), now, now + validMs);
    // An integration client is a backend, not a screen: it sends the code to the pairing API itself.
    const url = device.kind === 'integration' ? `${this.publicUrl()}/api/v1/devices/pair` : `${this.publicUrl()}/${device.kind}?pair=${code}`;
    return { code, url, expiresAt: iso(now + validMs) };
  }

  // ---- centre ----

  updateCentre(body: UpdateCentreBody, actor: StaffActor | null): Promise<Centre> {
    return this.writes.run((tx) => {
      const current = this.centre.get();
      // A new time zone moves "today": tickets already issued would fall outside it and never be called.
      if (body.timezone && body.timezone !== current.timezone && this.repos.tickets.openOn(this.centre.today()).length > 0) {
        throw conflict('tickets-open', 'Tickets are still open today: change the time zone after the day is closed.');
      }
      // A weekday left out of the new hours keeps its hours, and so does the kiosk switch; the closed dates
      // are kept in order.
      const openingHours = body.openingHours
        ? { ...current.openingHours, ...body.openingHours, closedDates: [...(body.openingHours.closedDates ?? current.openingHours.closedDates)].sort() }
        : current.openingHours;
      const next: Centre = { ...current, ...body, openingHours };
      this.centre.save(next);
      // The hours are told field by field ("openingHours.sat: …", "openingHours.kiosksOnlyWhenOpen: false → true"), not as one object.
      const changed = changesOf(current, next, Object.keys(body).filter((k) => k !== 'openingHours'));
      for (const [field, change] of Object.entries(changesOf(current.openingHours, next.openingHours, Object.keys(body.openingHours ?? {})))) {
        changed[`openingHours.${field}`] = change;
      }
      this.audit(actor, 'update', 'centre', null, { changed });
      this.configChanged(tx, 'centre');
      return next;
    });
  }
}
