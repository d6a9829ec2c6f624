// A settings body is read by an admin at a form, so its refusal is said in sentences that name each field
// as the form does ("Closes at (08:00) must be later…"), not as zod paths ("openingHours.closes: …"); the
// details list each problem by field, for the form to show beside it. Same code and shape as `parse`.
import { z } from 'zod';
import { badRequest } from '../errors.js';

/**
 * The form's words for a body's fields, by dotted path ("name.en": "Name in English"); `*` stands for a
 * place in a list and `{n}` in the words for its number from 1 ("notices.*.en": "Notice {n} in English").
 */
export type FieldLabels = Readonly<Record<string, string>>;

export interface FieldProblem {
  path: string;
  message: string;
}

const KINDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a group of fields',
};

/**
 * Words for the refusals a schema leaves to zod's defaults ("Too small: expected string to have >=1
 * characters"); a message the schema gives itself is kept. Undefined leaves zod's own.
 */
function plainIssue(issue: z.core.$ZodRawIssue, label: (path: PropertyKey[]) => string): string | undefined {
  const field = label(issue.path ?? []);
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `${field} is missing.` : `${field} must be ${KINDS[issue.expected] ?? issue.expected}.`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? `${field} cannot be empty.` : `${field} needs at least ${issue.minimum} characters.`;
      if (issue.origin === 'array') return `${field} needs at least ${issue.minimum}.`;
      return `${field} must be at least ${issue.minimum}.`;
    case 'too_big':
      if (issue.origin === 'string') return `${field} has at most ${issue.maximum} characters.`;
      if (issue.origin === 'array') return `${field} has at most ${issue.maximum}.`;
      return `${field} must be at most ${issue.maximum}.`;
    case 'invalid_value':
      return `${field} must be one of ${issue.values.map(String).join(', ')}.`;
    case 'unrecognized_keys':
      return `${issue.keys.length === 1 ? 'This field is' : 'These fields are'} not part of ${field.toLowerCase()}: ${issue.keys.join(', ')}.`;
    default:
      return undefined;
  }
}

/** `schema` parsed as `parse` does, refusing with 400 `invalid-body` in words an admin can act on. */
export function parseAdminBody<S extends z.ZodType>(schema: S, value: unknown, labels: FieldLabels): z.infer<S> {
  const label = (path: PropertyKey[]): string => {
    const key = path.map(String).join('.');
    if (key === '') return 'The settings';
    if (labels[key]) return labels[key];
    const index = path.find((p) => typeof p === 'number');
    const listed = labels[path.map((p) => (typeof p === 'number' ? '*' : String(p))).join('.')];
    return listed && index !== undefined ? listed.replace('{n}', String(index + 1)) : key;
  };
  const result = schema.safeParse(value ?? {}, { error: (issue) => plainIssue(issue, label) });
  if (result.success) return result.data;
  const problems: FieldProblem[] = result.error.issues.map((i) => {
    // The schema's own sentences name their field; its shorter phrases ("a zone is letters…") get it in front.
    const message = /\.$/.test(i.message) ? i.message : `${label(i.path)}: ${i.message}.`;
    return { path: i.path.map(String).join('.') || 'body', message };
  });
  throw badRequest('invalid-body', problems.map((p) => p.message).join(' '), problems);
}

/** The refusal of one field's value, in the same shape as a refused body, for rules that need the database. */
export function fieldRefused(path: string, message: string): Error {
  return badRequest('invalid-body', message, [{ path, message } satisfies FieldProblem]);
}

export const SERVICE_LABELS: FieldLabels = {
  code: 'Ticket code',
  'name.en': 'Name in English',
  'name.sw': 'Name in Kiswahili',
  name: 'The name',
  agency: 'Agency',
  agencySw: 'Agency (Kiswahili)',
  slaMinutes: 'Target wait',
  serviceMinutes: 'Typical service time',
  order: 'Order on the kiosk',
  active: 'Takes tickets',
};

export const COUNTER_LABELS: FieldLabels = { name: 'Name', zone: 'Zone', serviceIds: 'Services, in order', 'serviceIds.*': 'Service {n}', active: 'In use' };

export const USER_LABELS: FieldLabels = { username: 'Username', displayName: 'Name', role: 'Role', password: 'Password', active: 'Active' };

export const DEVICE_LABELS: FieldLabels = {
  kind: 'Kind',
  name: 'Name',
  zone: 'Zone',
  printer: 'Printer',
  'printer.url': 'Printer address',
  'printer.paperWidth': 'Paper width',
  rotateToken: 'New token',
};

const WEEKDAY_NAMES = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

export const CENTRE_LABELS: FieldLabels = {
  name: 'Centre name',
  code: 'Centre code',
  timezone: 'Time zone',
  languages: 'Languages',
  openingHours: 'Opening hours',
  ...Object.fromEntries(
    Object.entries(WEEKDAY_NAMES).flatMap(([d, name]) => [
      [`openingHours.${d}`, `${name}'s hours`],
      [`openingHours.${d}.opens`, `${name} opens at`],
      [`openingHours.${d}.closes`, `${name} closes at`],
    ]),
  ),
  'openingHours.closedDates': 'Holidays',
  'openingHours.closedDates.*': 'Holiday {n}',
  'openingHours.kiosksOnlyWhenOpen': 'Kiosks issue tickets only during opening hours',
  ticketFooter: 'Ticket footer',
  'ticketFooter.en': 'Ticket footer in English',
  'ticketFooter.sw': 'Ticket footer in Kiswahili',
  notices: 'Notices on the displays',
  'notices.*.en': 'Notice {n} in English',
  'notices.*.sw': 'Notice {n} in Kiswahili',
  priorityHeadStartMinutes: 'Priority head start (minutes)',
  preferenceBonusMinutes: 'Counter preference bonus (minutes)',
  publicUrl: 'Address printed on tickets',
  wifiName: 'Wi-Fi name printed on tickets',
};
