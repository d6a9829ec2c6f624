// The admin's journeys: each change validated (2 to 6 steps, each an existing active service, never the
// same service twice in a row), written in one write with its audit entry, and told to the screens after
// the commit. A refused change writes nothing. Tickets already on a journey keep their own copy of its
// steps (journey-steps.ts), so an edit never moves them.
import type { CreateJourneyBody, Journey, UpdateJourneyBody } from '@foleni/shared';
import type { StaffActor } from '../auth/actor.js';
import type { Clock } from '../clock.js';
import type { WriteQueue } from '../db/write-queue.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { Repositories } from '../repositories/index.js';
import { changesOf } from './audit-changes.js';

export class JourneyAdmin {
  private listeners: (() => void)[] = [];

  constructor(
    private readonly repos: Repositories,
    private readonly writes: WriteQueue,
    private readonly clock: Clock,
  ) {}

  /** Called after each committed change: kiosks offer journeys, so their snapshot is sent again. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  create(body: CreateJourneyBody, actor: StaffActor | null): Promise<Journey> {
    return this.writes.run((tx) => {
      this.requireCodeFree(body.code, null);
      this.requireSteps(body.steps);
      const journey: Journey = {
        id: newId('jny'),
        code: body.code,
        name: body.name,
        steps: body.steps,
        active: body.active,
        order: body.order ?? this.repos.journeys.nextOrder(),
      };
      this.repos.journeys.save(journey, this.clock.now());
      this.audit(actor, 'create', journey.id, journey);
      tx.afterCommit(() => this.tell());
      return journey;
    });
  }

  update(id: string, body: UpdateJourneyBody, actor: StaffActor | null): Promise<Journey> {
    return this.writes.run((tx) => {
      const current = this.repos.journeys.get(id);
      if (!current) throw notFound('journey');
      if (body.code !== undefined) this.requireCodeFree(body.code, id);
      if (body.steps) this.requireSteps(body.steps);
      const next: Journey = { ...current, ...body, name: body.name ?? current.name, steps: body.steps ?? current.steps };
      this.repos.journeys.save(next, this.clock.now());
      this.audit(actor, 'update', id, { changed: changesOf(current, next, Object.keys(body)) });
      tx.afterCommit(() => this.tell());
      return next;
    });
  }

  /** Journeys are deactivated, never deleted: tickets and reports point at them. */
  deactivate(id: string, actor: StaffActor | null): Promise<Journey> {
    return this.writes.run((tx) => {
      const current = this.repos.journeys.get(id);
      if (!current) throw notFound('journey');
      const next = { ...current, active: false };
      this.repos.journeys.save(next, this.clock.now());
      this.audit(actor, 'deactivate', id, null);
      tx.afterCommit(() => this.tell());
      return next;
    });
  }

  private tell(): void {
    for (const l of this.listeners) l();
  }

  private audit(actor: StaffActor | null, action: string, entityId: string, data: unknown): void {
    this.repos.audit.append({ at: this.clock.now(), userId: actor?.id ?? null, action, entity: 'journeys', entityId, data });
  }

  private requireCodeFree(code: string, exceptId: string | null): void {
    const other = this.repos.journeys.byCode(code);
    if (other && other.id !== exceptId) throw conflict('journey-code-taken', `The code ${code} is used by ${other.name.en}.`);
  }

  /** The body's schema has counted the steps and refused a service twice in a row; the services are checked here. */
  private requireSteps(steps: string[]): void {
    steps.forEach((serviceId, i) => {
      const service = this.repos.services.get(serviceId);
      const path = `steps.${i}`;
      if (!service) throw badRequest('unknown-service', `Step ${i + 1}: no service with id ${serviceId}.`, [{ path, message: `Step ${i + 1}: no such service.` }]);
      if (!service.active) {
        const message = `Step ${i + 1}: ${service.name.en} takes no tickets now; switch it on first or choose another service.`;
        throw badRequest('service-inactive', message, [{ path, message }]);
      }
    });
  }
}
