// Mounts the operation table (@foleni/shared's OPERATIONS) on a router: for each operation, its rate limit,
// then who may call (by its "who"), then its path parameters, query, header and body parsed with the table's
// schemas, then its handler, whose typed answer is sent as JSON with the table's status. A handler is written
// once per operation and the compiler holds it to the table's shapes; see docs/architecture.md.
import type { Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import { EmptyBody, Id, OPERATIONS, pathParamNames } from '@foleni/shared';
import type { AnswerOf, BodyOf, HeaderOf, Operation, OperationName, Operations, PathParams, QueryOf, Role, StaffWho, Who } from '@foleni/shared';
import type { Actor, DeviceActor, StaffActor } from '../auth/actor.js';
import { hasRole } from '../auth/actor.js';
import { AppError, badRequest, forbidden, unauthorized } from '../errors.js';
import { parse } from './validate.js';

/** The caller a handler is given: narrowed by its operation's "who". */
export type ActorFor<W extends readonly Who[]> =
  Extract<W[number], 'anyone' | 'ticket holder' | 'citizen'> extends never
    ? Exclude<W[number], StaffWho> extends never
      ? StaffActor
      : Extract<W[number], StaffWho> extends never
        ? DeviceActor
        : StaffActor | DeviceActor
    : Actor;

/** What a handler receives, parsed and typed by its operation. */
export interface Call<O extends Operation> {
  params: PathParams<O>;
  query: QueryOf<O>;
  body: BodyOf<O>;
  /** The operation's header, parsed (null when not sent). */
  header: HeaderOf<O>;
  actor: ActorFor<O['who']>;
  req: Request;
  /** For what a JSON answer cannot say: a cookie, or a file written to it (operations that `produce` one). */
  res: Response;
}

const STATUS = Symbol('status');
/** An answer with another success status than the table's (a replayed issue answers 200, not 201). */
export interface WithStatus<T> {
  readonly [STATUS]: number;
  readonly body: T;
}
export const withStatus = <T>(status: number, body: T): WithStatus<T> => ({ [STATUS]: status, body });

/** A handler's answer; one that may produce a file returns nothing when it wrote the file itself. */
type Reply<O extends Operation> =
  | (O['response'] extends z.ZodType ? AnswerOf<O> | WithStatus<AnswerOf<O>> : AnswerOf<O>)
  | (O['produces'] extends string ? undefined : never);
export type Handler<O extends Operation> = (call: Call<O>) => Reply<O> | Promise<Reply<O>>;
export type Handlers = { [K in OperationName]: Handler<Operations[K]> };
/** The handlers of some operations, as one router module supplies them. */
export type HandlersOf<K extends OperationName> = Pick<Handlers, K>;

export interface MountOptions {
  handlers: Handlers;
  /** Middleware run before the operation's own checks: rate limits. */
  before?: Partial<Record<OperationName, RequestHandler[]>>;
  /** Bodies refused in a form's words (the admin's settings) instead of zod's paths. */
  bodyParsers?: { [K in OperationName]?: (value: unknown) => BodyOf<Operations[K]> };
  /** Mounted first, in this order: the busiest (each route a request passes on its way costs it a little). */
  first?: OperationName[];
  /** Checks every JSON answer against the table's schema (tests): a 500 names the difference. */
  checkAnswers?: boolean;
}

const STAFF_RANK: Record<StaffWho, Role> = { staff: 'clerk', clerk: 'clerk', manager: 'manager', admin: 'admin' };
const isStaffWho = (w: Who): w is StaffWho => w in STAFF_RANK;

/** Lets `actor` through if the operation's "who" names it, else 401 (nobody signed in) or 403. */
export function authorize(who: readonly Who[], actor: Actor): Actor {
  if (who.includes('anyone') || who.includes('ticket holder')) return actor;
  if (who.includes('citizen')) {
    // The ticket's id is on every staff screen: a signed-in clerk or a kiosk must not speak for the citizen.
    if (actor.kind === 'user' || actor.kind === 'device') {
      throw new AppError(403, 'citizen-only', "Only the citizen may do this, from the ticket's own page on their phone: staff and screens may not.");
    }
    return actor;
  }
  const roles = who.filter(isStaffWho).map((w) => STAFF_RANK[w]);
  const devices = who.filter((w) => w === 'kiosk' || w === 'display' || w === 'integration');
  if (actor.kind === 'device') {
    if ((devices as string[]).includes(actor.device.kind)) return actor;
    // Another platform's backend holds a token for bookings and nothing else.
    if (actor.device.kind === 'integration') throw forbidden('An integration client may only read slots and manage bookings.');
    if (devices.length) throw forbidden(`Only a ${devices.join(' or ')}${roles.length ? ' or staff' : ''} may do this.`);
    throw forbidden('A kiosk or display may not do this: sign in as staff.');
  }
  if (actor.kind !== 'user') throw unauthorized(roles.length ? 'Sign in first.' : 'Pair this screen first.');
  if (!roles.length) throw forbidden(`Only a ${devices.join(' or ')} may do this.`);
  const least = roles.includes('clerk') ? 'clerk' : roles.includes('manager') ? 'manager' : 'admin';
  if (!hasRole(actor, least)) throw forbidden(`Only a ${least}${least === 'admin' ? '' : ' or above'} may do this.`);
  return actor;
}

// A UTF-16 surrogate not in a pair: JSON's "\ud800" escape makes one, and SQLite would store it garbled.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** No body of the table nests deeper than a few levels; a deeper one is refused before it is walked. */
const MAX_DEPTH = 16;

/**
 * The path of the first text (or key) in a JSON body holding a lone surrogate, if any. Walked with a stack
 * of its own, not by recursion: a hostile body of thousands of nested arrays must be refused, not overflow.
 */
function loneSurrogateAt(body: unknown): string | null {
  const todo: [value: unknown, path: string, depth: number][] = [[body, '', 0]];
  for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
    const [value, path, depth] = next;
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) return path;
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_DEPTH) throw badRequest('invalid-body', `The request body is not valid: it nests deeper than ${MAX_DEPTH} levels.`);
    const entries = Object.entries(value);
    // Pushed in reverse, so the first field is looked at first.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, v] = entries[i]!;
      const at = `${path ? `${path}.` : ''}${key}`;
      if (LONE_SURROGATE.test(key)) return at;
      todo.push([v, at, depth + 1]);
    }
  }
  return null;
}

/**
 * Every body of every operation passes here before its schema: text holding half a character is refused
 * once, for all of them (names, notes, comments, passwords), as the body's schema would refuse a field.
 */
function wholeCharacters(body: unknown): unknown {
  const at = loneSurrogateAt(body);
  if (at === null) return body;
  const message = `${at || 'The text'} holds half of a character (a lone UTF-16 surrogate): send whole characters.`;
  throw badRequest('invalid-body', `The request body is not valid: ${message}`, [{ path: at || 'body', message }]);
}

/** `ticketId` → "ticket id": a bad one is refused as `invalid-ticket-id`. */
const paramWords = (name: string): string => name.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);

function handle(name: OperationName, op: Operation, opts: MountOptions): RequestHandler {
  const handler = opts.handlers[name] as (call: Call<Operation>) => unknown;
  const params = pathParamNames(op.path);
  const parseBody = opts.bodyParsers?.[name] ?? ((value: unknown) => parse(op.body ?? EmptyBody, value));
  const sendsBody = op.method === 'post' || op.method === 'patch';
  return async (req, res) => {
    const actor = authorize(op.who, req.actor);
    const call = {
      params: Object.fromEntries(params.map((p) => [p, parse(Id, req.params[p], paramWords(p))])),
      query: op.query ? parse(op.query, req.query, 'query') : {},
      body: sendsBody ? parseBody(wholeCharacters(req.body)) : {},
      header: op.header ? parseHeader(op.header, req) : null,
      actor,
      req,
      res,
    } as Call<Operation>;
    const reply = await handler(call);
    if (res.headersSent || res.writableEnded) return;
    const answer = isWithStatus(reply) ? reply.body : reply;
    if (answer === undefined) {
      // A file operation's handler writes the file itself, perhaps still streaming it.
      if (!op.produces) res.status(204).end();
      return;
    }
    if (opts.checkAnswers && op.response) checkAnswer(name, op.response, answer);
    sendJson(req, res, isWithStatus(reply) ? reply[STATUS] : (op.status ?? 200), answer);
  };
}

/**
 * What `res.status(status).json(answer)` sends, without Express's general path (its settings, charset and
 * ETag look-ups cost each answer several µs): the app sets no JSON settings and no ETags (app.ts). An
 * answer whose handler set its own type or caching headers, or whose status carries no body, goes through
 * Express as before.
 */
function sendJson(req: Request, res: Response, status: number, answer: unknown): void {
  if ((status !== 200 && status !== 201) || res.hasHeader('content-type') || res.hasHeader('etag') || res.hasHeader('last-modified')) {
    res.status(status).json(answer);
    return;
  }
  const body = asciiJson(JSON.stringify(answer));
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  if (req.method === 'HEAD') res.end();
  else res.end(body);
}

const BEYOND_ASCII = /[\u0080-\uffff]/g;
const escapeChar = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * JSON text with every character beyond ASCII written as its `\uXXXX` escape: the same value to any JSON
 * reader (a masked number's • is still •), and a string Node writes to the socket with its headers in one
 * go. A body with a • took a slower path either way: as a string (encoded apart from the headers) or as
 * bytes (a second chunk to the socket).
 */
export function asciiJson(json: string): string {
  return Buffer.byteLength(json) === json.length ? json : json.replace(BEYOND_ASCII, escapeChar);
}

function parseHeader(header: NonNullable<Operation['header']>, req: Request): unknown {
  const value = req.get(header.name);
  return value === undefined ? null : parse(header.schema, value, header.name.toLowerCase());
}

const isWithStatus = (reply: unknown): reply is WithStatus<unknown> => typeof reply === 'object' && reply !== null && STATUS in reply;

function checkAnswer(name: string, schema: z.ZodType, answer: unknown): void {
  const result = schema.safeParse(JSON.parse(JSON.stringify(answer)));
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`The answer of ${name} does not match the operation table: ${problems}`);
  }
}

/** Mounts every operation of the table on `router`, the `first` ones first. */
export function mountOperations(router: Router, opts: MountOptions): void {
  const names = Object.keys(OPERATIONS) as OperationName[];
  const first = opts.first ?? [];
  for (const name of [...first, ...names.filter((n) => !first.includes(n))]) {
    const op: Operation = OPERATIONS[name];
    const path = op.path.replace(/\{(\w+)\}/g, ':$1');
    router[op.method](path, ...(opts.before?.[name] ?? []), handle(name, op, opts));
  }
}
