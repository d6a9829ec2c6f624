// Request bodies and query strings of the public API v1. Strict: unknown fields are refused.
import { z } from 'zod';
import {
  BookingSettingsUpdate,
  DEFAULT_BOOKING,
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
import { PhoneText } from './sms.js';

/**
 * The username as sent is normalised once, here: trimmed, Unicode NFC and lower-case, so `" Mwangi"` and
 * `"mwangi\t"` are one name to the sign-in throttle as they are to the database (usernames are NOCASE).
 */
export const LoginBody = z.strictObject({
  username: z.string().trim().normalize('NFC').toLowerCase().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginBody = z.infer<typeof LoginBody>;

const IssueFields = {
  priority: z.enum(['none', 'pwd', 'elderly', 'pregnant', 'other']).optional(),
  lang: Lang.optional(),
  /** Staff may say where the customer came from; kiosks always issue as `kiosk`. */
  source: TicketSource.optional(),
  /** A Kenyan mobile number for SMS (see phone.ts); refused with 400 `invalid-phone` when it is not one. */
  phone: PhoneText.optional(),
};
/**
 * A ticket for a service, or for a journey (several services in order, one ticket, docs/decisions/0022-journeys.md),
 * which starts in the line of the journey's first step.
 */
export const IssueTicketBody = z.union([z.strictObject({ serviceId: Id, ...IssueFields }), z.strictObject({ journeyId: Id, ...IssueFields })]);
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

/**
 * The feedback key from the citizen's tracking link (`#k=` on the printed QR and the kiosk's screen): required
 * for a ticket that has one, so knowing the ticket id (as every clerk does) is not enough to rate the visit.
 * Tickets issued before keys existed have none and take feedback without it.
 */
const FeedbackKey = z.string().min(1).max(100);

export const FeedbackBody = z.strictObject({
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(1000).optional(),
  key: FeedbackKey.optional(),
});
export type FeedbackBody = z.infer<typeof FeedbackBody>;

/** The comment that follows a rating: the same rules as the comment sent with one, but not empty. */
export const FeedbackCommentBody = z.strictObject({ comment: FeedbackBody.shape.comment.unwrap().min(1), key: FeedbackKey.optional() });
export type FeedbackCommentBody = z.infer<typeof FeedbackCommentBody>;

export const EmptyBody = z.strictObject({});

// ---- admin ----

const ServiceFields = {
  code: ServiceCode,
  name: Translated,
  agency: z.string().trim().min(1).max(80),
  /** Optional: null (or left out when creating) means screens in Kiswahili show `agency` as written. */
  agencySw: z.string().trim().min(1).max(80).nullable().describe('the agency in Kiswahili; null clears it'),
  slaMinutes: z.number().int().min(1).max(600),
  serviceMinutes: z.number().min(0.5).max(240),
  active: z.boolean(),
  order: z.number().int().min(0).max(10_000),
};
export const CreateServiceBody = z.strictObject({
  ...ServiceFields,
  agencySw: ServiceFields.agencySw.default(null),
  slaMinutes: ServiceFields.slaMinutes.default(15),
  serviceMinutes: ServiceFields.serviceMinutes.default(5),
  active: ServiceFields.active.default(true),
  order: ServiceFields.order.optional(),
  /** Left out: the service takes no bookings; a field left out takes its default. */
  booking: BookingSettingsUpdate.transform((b) => ({ ...DEFAULT_BOOKING, ...b })).default(DEFAULT_BOOKING),
});
export type CreateServiceBody = z.infer<typeof CreateServiceBody>;
/** No defaults here: a field left out of an update keeps its value. */
export const UpdateServiceBody = z.strictObject({ ...ServiceFields, booking: BookingSettingsUpdate.describe('a field left out keeps its value') }).partial();
export type UpdateServiceBody = z.infer<typeof UpdateServiceBody>;

export const CounterName = z
  .string()
  .trim()
  .min(1, 'Give the counter a name, like Counter 11.')
  .max(40, 'A counter name has at most 40 characters.');
export const Zone = z
  .string()
  .trim()
  .min(1, 'Give the zone, like main: the hall whose screens announce it.')
  .max(40, 'A zone has at most 40 characters.')
  .regex(/^[A-Za-z0-9 _-]+$/, 'A zone is letters, digits, spaces, _ and -, like main or Hall 2.');

/**
 * The services a counter serves, in order of preference. An empty list is a valid value here; the server
 * refuses it for a counter in use (a clerk there would never get anyone), which needs the counter's state.
 */
const CounterServiceIds = z
  .array(Id)
  .max(66)
  .refine((ids) => new Set(ids).size === ids.length, 'A service is listed twice in the counter’s services.');

export const CreateCounterBody = z.strictObject({
  name: CounterName,
  zone: Zone.default('main'),
  serviceIds: CounterServiceIds,
  active: z.boolean().default(true),
});
export type CreateCounterBody = z.infer<typeof CreateCounterBody>;
export const UpdateCounterBody = z.strictObject({
  name: CounterName.optional(),
  zone: Zone.optional(),
  serviceIds: CounterServiceIds.optional(),
  active: z.boolean().optional(),
});
export type UpdateCounterBody = z.infer<typeof UpdateCounterBody>;

export const Password = z.string().min(8, 'a password has at least 8 characters').max(256);
export const Username = z.string().trim().min(2).max(64).regex(/^[a-z0-9._-]+$/i, 'a username is letters, digits, ., _ and -');

/** POST /auth/password: a signed-in user changes their own password (the rules of an admin's reset apply). */
export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1, 'Give your current password.').max(256),
  newPassword: Password,
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

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
  /** true withdraws the device's token at once and answers a new pairing link (its screen must pair again). */
  rotateToken: z.boolean().optional(),
});
export type UpdateDeviceBody = z.infer<typeof UpdateDeviceBody>;

/**
 * The alphabet of pairing codes: Crockford's base 32 (no I, L, O or U), so a code read off a screen or
 * typed on a remote cannot be misread; 8 characters are 40 bits.
 */
export const PAIRING_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const PAIRING_CODE_LENGTH = 8;

/** A pairing code as typed: case, dashes and spaces do not matter, and O, I and L read as 0, 1 and 1. */
export const PairingCode = z
  .string()
  .max(40)
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1'))
  .pipe(z.string().regex(new RegExp(`^[${PAIRING_CODE_ALPHABET}]{${PAIRING_CODE_LENGTH}}$`), 'a pairing code is 8 letters and digits'));

export const PairDeviceBody = z.strictObject({ code: PairingCode });
export type PairDeviceBody = z.infer<typeof PairDeviceBody>;

/**
 * A time zone as the IANA database names it ("Africa/Nairobi", or "UTC"), known to this runtime; the name
 * comes back spelt as the database spells it. Abbreviations are refused even where Intl takes them: "EAT"
 * passes as a link to Nairobi, "EST" to Panama, and a centre's day must not hang on such a guess.
 */
export function ianaTimeZone(name: string): string | null {
  if (name.toUpperCase() !== 'UTC' && !/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$/.test(name)) return null;
  try {
    const resolved = new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
    // Only the spelling is taken from Intl: a zone it files under another name keeps the one typed.
    return resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
  } catch {
    return null;
  }
}

const TimeZoneName = z
  .string()
  .trim()
  .transform((name, ctx) => {
    const zone = ianaTimeZone(name);
    if (zone) return zone;
    ctx.addIssue({
      code: 'custom',
      input: name,
      message: name ? `${name} is not a time zone: use a name like Africa/Nairobi.` : 'Give the time zone, a name like Africa/Nairobi.',
    });
    return z.NEVER;
  });

const routingMinutes = (field: string) => {
  const says = `${field} is a whole number of minutes from 0 to 240.`;
  return z.number(says).int(says).min(0, says).max(240, says);
};

export const UpdateCentreBody = z.strictObject({
  code: z.string().trim().min(1, 'Give the centre a code, for reports and file names.').max(20, 'The centre code has at most 20 characters.').optional(),
  name: z.string().trim().min(1, 'Give the centre a name.').max(100, 'The centre name has at most 100 characters.').optional(),
  timezone: TimeZoneName.optional(),
  languages: z
    .array(Lang)
    .min(1, 'Choose at least one language for the kiosks and screens.')
    .refine((langs) => new Set(langs).size === langs.length, 'A language is listed twice.')
    .optional(),
  openingHours: OpeningHoursUpdate.optional(),
  ticketFooter: z
    .strictObject({
      en: z.string().max(200, 'The ticket footer in English has at most 200 characters.'),
      sw: z.string().max(200, 'The ticket footer in Kiswahili has at most 200 characters.'),
    })
    .optional(),
  notices: z.array(Translated).max(10, 'The displays take at most 10 notices.').optional(),
  priorityHeadStartMinutes: routingMinutes('The priority head start').optional(),
  preferenceBonusMinutes: routingMinutes('The counter preference bonus').optional(),
  publicUrl: z
    .url({ protocol: /^https?$/, error: 'The ticket address is a web address such as http://192.168.1.10:8080.' })
    .max(200, 'The ticket address has at most 200 characters.')
    .transform((u) => u.replace(/\/+$/, ''))
    .nullable()
    .optional(),
  wifiName: z
    .string()
    .trim()
    .max(32, 'A Wi-Fi name has at most 32 characters.')
    .transform((n) => n || null)
    .nullable()
    .optional(),
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
