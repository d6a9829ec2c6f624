// What routers and the socket gateway are given: the composition root builds it once.
import type { RequestHandler } from 'express';
import type { AuthService } from './auth/auth.service.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/db.js';
import type { WriteQueue } from './db/write-queue.js';
import type { Logger } from './logger.js';
import type { AdminService } from './admin/admin.service.js';
import type { AppointmentService } from './appointments/appointment.service.js';
import type { JourneyAdmin } from './admin/journey-admin.service.js';
import type { DeviceService } from './devices/device.service.js';
import type { CentreService } from './queue/centre.service.js';
import type { QueueService } from './queue/queue.service.js';
import type { QueueViews } from './queue/queue.views.js';
import type { TicketPrinting } from './printing/ticket-printing.js';
import type { Repositories } from './repositories/index.js';
import type { StatsService } from './stats/stats.service.js';
import type { TicketAddress } from './network/ticket-address.js';
import type { SetupService } from './admin/setup.service.js';
import type { BackupSchedule } from './backup/backup-schedule.js';
import type { SmsService } from './sms/sms.service.js';

export interface RateLimits {
  issue: RequestHandler;
  /** POST /devices/pair: 10 a minute per address. */
  pair: RequestHandler;
}

export interface AppContext {
  config: Config;
  db: Db;
  clock: Clock;
  log: Logger;
  repos: Repositories;
  writes: WriteQueue;
  centre: CentreService;
  queue: QueueService;
  views: QueueViews;
  auth: AuthService;
  devices: DeviceService;
  printing: TicketPrinting;
  admin: AdminService;
  journeys: JourneyAdmin;
  /** The address printed in tickets' QR codes and pairing links. */
  ticketAddress: TicketAddress;
  /** A centre's setup as one file, out and in. */
  setup: SetupService;
  /** Backups written by themselves to FOLENI_BACKUP_DIR. */
  backups: BackupSchedule;
  stats: StatsService;
  sms: SmsService;
  limits: RateLimits;
  appointments: AppointmentService;
}
