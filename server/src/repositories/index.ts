// All repositories over one database.
import type { Db } from '../db/db.js';
import { AuditRepository } from './audit.repository.js';
import { CentreRepository } from './centre.repository.js';
import { ClerkStatsRepository } from './clerk-stats.repository.js';
import { CounterRepository } from './counter.repository.js';
import { DeviceRepository } from './device.repository.js';
import { EventRepository } from './event.repository.js';
import { DeskRepository } from './desk.repository.js';
import { FeedbackRepository } from './feedback.repository.js';
import { JourneyRepository } from './journey.repository.js';
import { LiveStatsRepository } from './live-stats.repository.js';
import { ServiceRepository } from './service.repository.js';
import { StatsRepository } from './stats.repository.js';
import { Statements } from './statements.js';
import { TicketRepository } from './ticket.repository.js';
import { SessionRepository, UserRepository } from './user.repository.js';

export function createRepositories(db: Db) {
  const q = new Statements(db);
  return {
    centre: new CentreRepository(q),
    services: new ServiceRepository(q),
    counters: new CounterRepository(q),
    tickets: new TicketRepository(q),
    events: new EventRepository(q),
    users: new UserRepository(q),
    sessions: new SessionRepository(q),
    devices: new DeviceRepository(q),
    audit: new AuditRepository(q),
    feedback: new FeedbackRepository(q),
    stats: new StatsRepository(q),
    liveStats: new LiveStatsRepository(q),
    clerkStats: new ClerkStatsRepository(q),
    journeys: new JourneyRepository(q),
    desk: new DeskRepository(q),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
