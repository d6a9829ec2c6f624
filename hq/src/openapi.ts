// Head office's operations, each said once: the routes check callers against `who`, and the OpenAPI
// document at /hq/api/v1/openapi.json is made from the same table.
import { z } from 'zod';
import { ErrorBody, IngestBody } from '@foleni/shared';
import { CentreBody } from './centres.service.js';
import { OutreachQuery, ReportQuery } from './report.service.js';

export type Who = 'admin' | 'analyst' | 'centre';

export const LoginBody = z.object({ username: z.string().trim().toLowerCase().min(1).max(64), password: z.string().min(1).max(200) });
export const UserBody = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{2,32}$/, 'letters, digits, dot, dash or underscore, 2 to 32'),
  password: z.string().min(8, 'at least 8 characters').max(200),
  role: z.enum(['admin', 'analyst']),
});

interface HqOperation {
  method: 'get' | 'post';
  path: string;
  summary: string;
  who: Who[] | 'anyone';
  body?: z.ZodType;
  bodyType?: string;
  query?: z.ZodObject;
  status?: number;
  errors?: Record<number, string>;
}

export const HQ_OPERATIONS: Record<string, HqOperation> = {
  login: { method: 'post', path: '/auth/login', summary: 'Sign in: answers the user and a token, and sets the session cookie', who: 'anyone', body: LoginBody, errors: { 401: 'Wrong username or password', 429: 'Too many wrong tries' } },
  logout: { method: 'post', path: '/auth/logout', summary: 'Sign out', who: ['admin', 'analyst'] },
  me: { method: 'get', path: '/auth/me', summary: 'The signed-in user', who: ['admin', 'analyst'] },
  listUsers: { method: 'get', path: '/users', summary: 'Head-office accounts', who: ['admin'] },
  createUser: { method: 'post', path: '/users', summary: 'Make a head-office account (admin or analyst)', who: ['admin'], body: UserBody, status: 201 },
  listCentres: { method: 'get', path: '/centres', summary: "Every centre with today's figures, last seq and last contact", who: ['admin', 'analyst'] },
  registerCentre: { method: 'post', path: '/centres', summary: 'Register a centre or outreach team; its key is in the answer, once', who: ['admin'], body: CentreBody, status: 201, errors: { 409: 'The code is taken' } },
  ingest: {
    method: 'post',
    path: '/ingest',
    summary: "A centre's events in seq order, contiguous from fromSeq; answers the acknowledged seq",
    who: ['centre'],
    body: IngestBody,
    errors: { 401: 'Unknown key', 409: 'seq-gap: send from needSeq', 413: 'More than 5 MB' },
  },
  importBundle: {
    method: 'post',
    path: '/import',
    summary: 'A day bundle (application/x-ndjson: manifest line, then events); importing it again changes nothing',
    who: ['admin', 'centre'],
    bodyType: 'application/x-ndjson',
    errors: { 400: 'Damaged or altered file, with the reason', 403: "Another centre's bundle" },
  },
  report: { method: 'get', path: '/report', summary: 'Figures over a range of days by centre, service, day, week (from Monday) or hour; CSV with format=csv', who: ['admin', 'analyst'], query: ReportQuery },
  outreachDays: {
    method: 'get',
    path: '/report/outreach',
    summary: "Outreach teams' days over a range, grouped by county (the team's own, else its parent centre's), each team's days and totals",
    who: ['admin', 'analyst'],
    query: OutreachQuery,
  },
};

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });

export function hqOpenApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, op] of Object.entries(HQ_OPERATIONS)) {
    const query = Object.entries(op.query?.shape ?? {}).map(([field, schema]) => ({
      name: field,
      in: 'query',
      required: !(schema as z.ZodType).safeParse(undefined).success,
      schema: jsonSchema(schema as z.ZodType),
    }));
    (paths[op.path] ??= {})[op.method] = {
      operationId: name,
      summary: op.summary,
      description: `Who: ${op.who === 'anyone' ? 'anyone' : op.who.join(', ')}.`,
      ...(query.length ? { parameters: query } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } } } : {}),
      ...(op.bodyType ? { requestBody: { required: true, content: { [op.bodyType]: {} } } } : {}),
      responses: {
        [String(op.status ?? 200)]: { description: 'Success' },
        ...Object.fromEntries(Object.entries(op.errors ?? {}).map(([s, d]) => [s, { description: d, content: { 'application/json': { schema: jsonSchema(ErrorBody) } } }])),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Foleni head office API', version: '1' },
    servers: [{ url: '/hq/api/v1' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'foleni_hq_session' } } },
    paths,
  };
}
