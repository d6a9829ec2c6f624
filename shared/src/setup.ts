// A centre's setup as one JSON file (GET/POST /api/v1/admin/setup): everything an admin configures, nothing
// a day produces (no tickets, no history), no secret (no password, no device token). Versioned: `version`
// says how `sections` read; a new kind of setting becomes a new optional section, so an older file still
// loads, and a section a server does not know is refused by name rather than dropped without a word.
import { z } from 'zod';
import { DeviceKind, IsoTime, PrinterSettings, Role, Translated } from './domain.js';
import { JOURNEY_MAX_STEPS, JOURNEY_MIN_STEPS, JourneyCode } from './journeys.js';
import { CreateServiceBody, CounterName, UpdateCentreBody, Username, Zone } from './requests.js';

export const SETUP_FORMAT = 'foleni-setup';
export const SETUP_VERSION = 1;

/** A counter names its services by code: ids differ from one centre to another. */
export const SetupCounter = z.strictObject({
  name: CounterName,
  zone: Zone,
  serviceCodes: z.array(z.string()).max(100),
  active: z.boolean(),
});
export type SetupCounter = z.infer<typeof SetupCounter>;

/** A staff account without its password: the centre that loads it gives each a one-time password. */
export const SetupStaff = z.strictObject({
  username: Username,
  displayName: z.string().trim().min(1).max(80),
  role: Role,
  active: z.boolean(),
});
export type SetupStaff = z.infer<typeof SetupStaff>;

/** A kiosk or display without its token: each is paired again at the centre that loads it. */
export const SetupDevice = z.strictObject({
  kind: DeviceKind,
  name: z.string().trim().min(1).max(60),
  zone: Zone,
  printer: PrinterSettings.nullable(),
});
export type SetupDevice = z.infer<typeof SetupDevice>;

/**
 * The centre's own settings as an admin sets them: the Centre page's fields. The address printed on tickets
 * is left out (it belongs to the machine, not to the setup).
 */
export const SetupCentre = UpdateCentreBody.required().omit({ publicUrl: true });
export type SetupCentre = z.infer<typeof SetupCentre>;

/** A journey names its steps' services by code, as a counter does. */
export const SetupJourney = z.strictObject({
  code: JourneyCode,
  name: Translated,
  stepCodes: z.array(z.string()).min(JOURNEY_MIN_STEPS).max(JOURNEY_MAX_STEPS),
  active: z.boolean(),
  order: z.number().int().min(0).max(10_000),
});
export type SetupJourney = z.infer<typeof SetupJourney>;

export const SetupSections = z.strictObject({
  centre: SetupCentre,
  services: z.array(CreateServiceBody.required({ order: true })).max(200),
  counters: z.array(SetupCounter).max(500),
  staff: z.array(SetupStaff).max(2000),
  devices: z.array(SetupDevice).max(500),
  /** Optional: a file from before journeys loads without them. */
  journeys: z.array(SetupJourney).max(200).optional(),
});
export type SetupSections = z.infer<typeof SetupSections>;

export const CentreSetup = z.strictObject({
  format: z.literal(SETUP_FORMAT, `not a Foleni setup file (its "format" is not "${SETUP_FORMAT}")`),
  version: z.literal(SETUP_VERSION, `a setup file of another version: this server reads version ${SETUP_VERSION}`),
  exportedAt: IsoTime,
  /** The centre it was taken from. */
  from: z.object({ code: z.string(), name: z.string() }),
  sections: SetupSections,
});
export type CentreSetup = z.infer<typeof CentreSetup>;

/** What loading a setup did; each staff member's one-time password is shown here, once. */
export const SetupLoaded = z.object({
  loaded: z.object({ services: z.number().int(), counters: z.number().int(), staff: z.number().int(), devices: z.number().int(), journeys: z.number().int() }),
  /** New accounts and the one-time password each signs in with (then changes it); never stored in clear. */
  passwords: z.array(z.object({ username: z.string(), displayName: z.string(), role: Role, oneTimePassword: z.string() })),
  /** Accounts of the file that were already here (the admin loading it, say): left as they are. */
  kept: z.array(z.string()),
});
export type SetupLoaded = z.infer<typeof SetupLoaded>;
