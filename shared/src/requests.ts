// Request bodies and query strings of the public API v1. Strict: unknown fields are refused.
import { z } from 'zod';
import {
  DeviceKind,
  Id,
  Lang,
  OpeningHoursUpdate,
  PrinterSettings,
  Role,
  ServiceCode,
  TicketSource,
  Translated,
} from './domain.js';

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const IssueTicketBody = z.strictObject({
  serviceId: Id,
  priority: z.enum(['none', 'pwd', 'elderly', 'pregnant', 'other']).optional(),
  lang: Lang.optional(),
  /** Staff may say where the customer came from; kiosks always issue as `kiosk`. */
  source: TicketSource.optional(),
});
export type IssueTicketBody = z.infer<typeof IssueTicketBody>;

/** Sent as the `Idempotency-Key` header: a retried tap returns the first ticket instead of a second one. */
export const IdempotencyKey = z.string().min(8).max(100).regex(/^[A-Za-z0-9_-]+$/);

export const CallTicketBody = z.strictObject({ ticketId: Id });
export type CallTicketBody = z.infer<typeof CallTicketBody>;

export const TransferBody = z.strictObject({
  serviceId: Id,
  note: z.string().trim().max(300).optional(),
});
export type TransferBody = z.infer<typeof TransferBody>;

export const FeedbackBody = z.strictObject({
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(1000).optional(),
});
export type FeedbackBody = z.infer<typeof FeedbackBody>;

/** The comment that follows a rating: the same rules as the comment sent with one, but not empty. */
export const FeedbackCommentBody = z.strictObject({ comment: FeedbackBody.shape.comment.unwrap().min(1) });
export type FeedbackCommentBody = z.infer<typeof FeedbackCommentBody>;

export const EmptyBody = z.strictObject({});

// ---- admin ----

const ServiceFields = {
  code: ServiceCode,
  name: Translated,
  agency: z.string().trim().min(1).max(80),
  slaMinutes: z.number().int().min(1).max(600),
  serviceMinutes: z.number().min(0.5).max(240),
  active: z.boolean(),
  order: z.number().int().min(0).max(10_000),
};
export const CreateServiceBody = z.strictObject({
  ...ServiceFields,
  slaMinutes: ServiceFields.slaMinutes.default(15),
  serviceMinutes: ServiceFields.serviceMinutes.default(5),
  active: ServiceFields.active.default(true),
  order: ServiceFields.order.optional(),
});
export type CreateServiceBody = z.infer<typeof CreateServiceBody>;
/** No defaults here: a field left out of an update keeps its value. */
export const UpdateServiceBody = z.strictObject(ServiceFields).partial();
export type UpdateServiceBody = z.infer<typeof UpdateServiceBody>;

export const CounterName = z.string().trim().min(1).max(40);
export const Zone = z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9 _-]+$/, 'a zone is letters, digits, spaces, _ and -');

export const CreateCounterBody = z.strictObject({
  name: CounterName,
  zone: Zone.default('main'),
  serviceIds: z.array(Id).max(66).refine((ids) => new Set(ids).size === ids.length, 'a service is listed twice'),
  active: z.boolean().default(true),
});
export type CreateCounterBody = z.infer<typeof CreateCounterBody>;
export const UpdateCounterBody = z.strictObject({
  name: CounterName.optional(),
  zone: Zone.optional(),
  serviceIds: CreateCounterBody.shape.serviceIds.optional(),
  active: z.boolean().optional(),
});
export type UpdateCounterBody = z.infer<typeof UpdateCounterBody>;

export const Password = z.string().min(8, 'a password has at least 8 characters').max(256);
export const Username = z.string().trim().min(2).max(64).regex(/^[a-z0-9._-]+$/i, 'a username is letters, digits, ., _ and -');

export const CreateUserBody = z.strictObject({
  username: Username,
  password: Password,
  displayName: z.string().trim().min(1).max(80),
  role: Role,
  active: z.boolean().default(true),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;
export const UpdateUserBody = z.strictObject({
  displayName: z.string().trim().min(1).max(80).optional(),
  role: Role.optional(),
  active: z.boolean().optional(),
  password: Password.optional(),
});
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const CreateDeviceBody = z.strictObject({
  kind: DeviceKind,
  name: z.string().trim().min(1).max(60),
  zone: Zone.default('main'),
  printer: PrinterSettings.nullable().optional(),
});
export type CreateDeviceBody = z.infer<typeof CreateDeviceBody>;
export const UpdateDeviceBody = z.strictObject({
  name: z.string().trim().min(1).max(60).optional(),
  zone: Zone.optional(),
  printer: PrinterSettings.nullable().optional(),
  /** true issues a new token (answered once) and withdraws the old one. */
  rotateToken: z.boolean().optional(),
});
export type UpdateDeviceBody = z.infer<typeof UpdateDeviceBody>;

export const UpdateCentreBody = z.strictObject({
  code: z.string().trim().min(1).max(20).optional(),
  name: z.string().trim().min(1).max(100).optional(),
  timezone: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'an IANA time zone such as Africa/Nairobi')
    .optional(),
  languages: z
    .array(Lang)
    .min(1)
    .refine((langs) => new Set(langs).size === langs.length, 'a language is listed twice')
    .optional(),
  openingHours: OpeningHoursUpdate.optional(),
  ticketFooter: z.strictObject({ en: z.string().max(200), sw: z.string().max(200) }).optional(),
  notices: z.array(Translated).max(10).optional(),
  priorityHeadStartMinutes: z.number().int().min(0).max(240).optional(),
  preferenceBonusMinutes: z.number().int().min(0).max(240).optional(),
});
export type UpdateCentreBody = z.infer<typeof UpdateCentreBody>;


// ---- queries ----

export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD');
export const GROUP_BYS = ['service', 'hour', 'day', 'counter', 'clerk'] as const;
export const ReportQuery = z.strictObject({
  from: Day,
  to: Day,
  groupBy: z.enum(GROUP_BYS).default('service'),
  format: z.enum(['json', 'csv']).default('json'),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

/** One day of the raw event log. */
export const EventsQuery = z.strictObject({ day: Day });
/** Days to summarise again. */
export const RebuildBody = z.strictObject({ from: Day, to: Day });
