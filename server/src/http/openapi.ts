// The OpenAPI 3.1 document of API v1, generated from the same zod schemas the routes validate with.
import { z } from 'zod';
import * as S from '@foleni/shared';
import { VERSION } from '../version.js';

/** Who may call: a role includes the roles above it; "staff" is any signed-in user; "ticket holder" is anyone with the ticket's id. */
export type Who = 'anyone' | 'kiosk' | 'display' | 'staff' | 'clerk' | 'manager' | 'admin' | 'ticket holder';

export interface Op {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  summary: string;
  who: Who[];
  body?: z.ZodType;
  query?: z.ZodObject;
  header?: { name: string; description: string; schema: z.ZodType };
  response?: z.ZodType;
  status?: number;
  /** Refusals worth knowing in advance, by status: each code and when it is answered. */
  errors?: Record<number, string>;
}

const items = (schema: z.ZodType) => z.object({ items: z.array(schema) });
const Ok = z.object({ ok: z.literal(true) });
const TicketAnswer = z.object({ ticket: S.Ticket });
const CounterAnswer = z.object({ counter: S.Counter });

export const API_OPERATIONS: readonly Op[] = [
  { method: 'get', path: '/openapi.json', summary: 'This document', who: ['anyone'] },
  { method: 'get', path: '/health', summary: 'Liveness and version', who: ['anyone'], response: z.object({ ok: z.boolean(), version: z.string() }) },
  { method: 'get', path: '/centre', summary: 'Centre name, languages, hours, notices', who: ['anyone'], response: z.object({ centre: S.PublicCentre }) },
  { method: 'get', path: '/services', summary: 'Active services with waiting count, estimated wait, open counters, and whether any counter is assigned to each (kiosks offer only those)', who: ['anyone'], response: items(S.ServiceWithQueue) },
  { method: 'post', path: '/auth/login', summary: 'Sign in; sets an httpOnly session cookie and returns the same token for Bearer use', who: ['anyone'], body: S.LoginBody, response: z.object({ user: S.User, token: z.string() }) },
  { method: 'post', path: '/auth/logout', summary: 'Sign out (and clear the cookie); harmless when not signed in', who: ['anyone'], status: 204 },
  { method: 'get', path: '/auth/me', summary: 'The signed-in user (or paired device)', who: ['staff', 'kiosk', 'display'] },
  { method: 'post', path: '/tickets', summary: 'Issue a ticket. Send an Idempotency-Key header so a retried tap returns the same ticket', who: ['kiosk', 'staff'], body: S.IssueTicketBody, header: { name: 'Idempotency-Key', description: 'One per tap: a request sent again with the same key returns the ticket it made (200) instead of a new one', schema: S.IdempotencyKey }, response: z.object({ ticket: S.Ticket, print: S.PrintResult }), status: 201, errors: { 409: "centre-closed: a kiosk outside the centre's opening hours while the centre's openingHours.kiosksOnlyWhenOpen is on (staff may still issue; details carry opens, closes, timezone, closed: before|after and the server's now; a retry with the Idempotency-Key of a ticket this kiosk already made still gets it). idempotency-key-reused: the key was sent before with another service or priority, or by another caller (a key belongs to the kiosk or staff user that sent it first). service-inactive: the service takes no tickets now. service-not-served: a kiosk asked for a service no active counter is assigned to, so nobody could call the ticket (staff may still issue; a retry with the Idempotency-Key of a ticket this kiosk already made still gets it)" } },
  { method: 'get', path: '/tickets/{id}', summary: 'A ticket as its holder sees it', who: ['ticket holder'], response: z.object({ ticket: S.PublicTicket }) },
  ...(['recall', 'start', 'complete', 'no-show', 'requeue', 'cancel'] as const).map(
    (step): Op => ({ method: 'post', path: `/tickets/{id}/${step}`, summary: `Lifecycle step: ${step}`, who: ['clerk', 'manager'], response: TicketAnswer }),
  ),
  { method: 'post', path: '/tickets/{id}/transfer', summary: 'Send to another service, keeping the place', who: ['clerk', 'manager'], body: S.TransferBody, response: TicketAnswer },
  { method: 'post', path: '/tickets/{id}/reprint', summary: 'Print the ticket again', who: ['clerk', 'manager'], response: z.object({ print: S.PrintResult }) },
  { method: 'post', path: '/tickets/{id}/feedback', summary: 'Rate the visit once, after it is done', who: ['ticket holder'], body: S.FeedbackBody, response: Ok, status: 201 },
  { method: 'patch', path: '/tickets/{id}/feedback', summary: 'Add a comment to the rating, once (409 no-rating before a rating, comment-given after a comment)', who: ['ticket holder'], body: S.FeedbackCommentBody, response: Ok },
  { method: 'get', path: '/queue', summary: 'Waiting tickets per service, in routing order', who: ['staff'] },
  { method: 'get', path: '/counters', summary: 'Counters with status and clerk', who: ['staff'], response: items(S.Counter) },
  { method: 'get', path: '/counters/{id}', summary: 'One counter', who: ['staff'], response: CounterAnswer },
  ...(['open', 'pause', 'close'] as const).map(
    (a): Op => ({ method: 'post', path: `/counters/{id}/${a}`, summary: `${a} the counter`, who: ['clerk', 'manager'], response: CounterAnswer }),
  ),
  { method: 'post', path: '/counters/{id}/call-next', summary: 'Call the next ticket by the routing rule; 204 when nobody waits', who: ['clerk', 'manager'], response: TicketAnswer },
  { method: 'post', path: '/counters/{id}/call', summary: 'Call one waiting ticket out of order', who: ['clerk', 'manager'], body: S.CallTicketBody, response: TicketAnswer },
  { method: 'get', path: '/stats/live', summary: 'Live waits, counters, devices', who: ['manager'] },
  { method: 'get', path: '/stats/report', summary: 'KPIs over a date range, as JSON or CSV', who: ['manager'], query: S.ReportQuery },
  { method: 'get', path: '/stats/events', summary: "A day's raw event log as NDJSON, for head office", who: ['manager'], query: S.EventsQuery },
  { method: 'post', path: '/stats/rebuild', summary: 'Summarise a range of days again', who: ['manager'], body: S.RebuildBody },
  { method: 'get', path: '/me/today', summary: "The signed-in clerk's figures for today", who: ['staff'] },
  { method: 'get', path: '/me/routing', summary: 'The routing settings a counter screen orders its waiting list by', who: ['staff'] },
  { method: 'get', path: '/admin/backup', summary: 'Download a consistent copy of the database (SQLite online backup) while the centre runs', who: ['admin'] },
  { method: 'get', path: '/admin/audit', summary: 'Who changed what in the configuration, newest first, 100 at a time', who: ['admin'], query: z.object({ before: z.number().int().positive().optional().describe('the id of the oldest entry already shown') }) },
  { method: 'post', path: '/admin/devices/{id}/test-print', summary: "Print a test page on a kiosk's printer", who: ['admin'] },
  ...crud('services', S.CreateServiceBody, S.UpdateServiceBody, S.Service),
  ...crud('counters', S.CreateCounterBody, S.UpdateCounterBody, S.Counter),
  ...crud('users', S.CreateUserBody, S.UpdateUserBody, S.User),
  ...crud('devices', S.CreateDeviceBody, S.UpdateDeviceBody, S.Device, z.object({ device: S.Device, token: z.string(), pairUrl: z.string() })),
  { method: 'get', path: '/admin/centre', summary: 'Centre settings', who: ['admin'], response: z.object({ centre: S.Centre }) },
  { method: 'patch', path: '/admin/centre', summary: 'Change centre settings', who: ['admin'], body: S.UpdateCentreBody, response: z.object({ centre: S.Centre }) },
];

/** The five admin routes of a kind of thing; answers carry it under its singular name. */
function crud(name: string, create: z.ZodType, update: z.ZodType, shape: z.ZodType, created?: z.ZodType): Op[] {
  const one = name.slice(0, -1);
  const answer = z.object({ [one]: shape });
  return [
    { method: 'get', path: `/admin/${name}`, summary: `List ${name}`, who: ['admin'], response: items(shape) },
    { method: 'post', path: `/admin/${name}`, summary: `Create a ${one}`, who: ['admin'], body: create, response: created ?? answer, status: 201 },
    { method: 'get', path: `/admin/${name}/{id}`, summary: `One ${one}`, who: ['admin'], response: answer },
    { method: 'patch', path: `/admin/${name}/{id}`, summary: `Change a ${one}`, who: ['admin'], body: update },
    { method: 'delete', path: `/admin/${name}/{id}`, summary: `Deactivate a ${one}`, who: ['admin'] },
  ];
}

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
const json = (schema: z.ZodType) => ({ 'application/json': { schema: jsonSchema(schema) } });

function parameters(op: Op): Record<string, unknown>[] {
  const path = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  const query = Object.entries(op.query?.shape ?? {}).map(([name, field]) => ({
    name,
    in: 'query',
    required: !(field as z.ZodType).safeParse(undefined).success,
    schema: jsonSchema(field as z.ZodType),
  }));
  const header = op.header ? [{ name: op.header.name, in: 'header', required: false, description: op.header.description, schema: jsonSchema(op.header.schema) }] : [];
  return [...path, ...query, ...header];
}

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of API_OPERATIONS) {
    const params = parameters(op);
    (paths[op.path] ??= {})[op.method] = {
      summary: op.summary,
      description: `Who: ${op.who.join(', ')}.`,
      ...(params.length ? { parameters: params } : {}),
      ...(op.body ? { requestBody: { required: true, content: json(op.body) } } : {}),
      responses: {
        [String(op.status ?? 200)]: { description: 'Success', ...(op.response ? { content: json(op.response) } : {}) },
        ...Object.fromEntries(Object.entries(op.errors ?? {}).map(([status, description]) => [status, { description, content: json(S.ErrorBody) }])),
        default: { description: 'An error', content: json(S.ErrorBody) },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Foleni centre API', version: VERSION },
    servers: [{ url: '/api/v1' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'foleni_session' } } },
    paths,
  };
}
