// What an operation of the HTTP API is, and the types every side derives from one: the server's handler
// input, the client's call arguments and the answer both agree on. The table itself is operations.ts.
import type { z } from 'zod';

/**
 * Who may call: a staff role lets in the roles above it ("staff" is any signed-in user, as "clerk");
 * "kiosk", "display" and "integration" (another platform's backend: bookings only) are paired devices;
 * "ticket holder" is anyone with the ticket's id; "citizen" is
 * anyone with the ticket's id who is neither signed in nor a paired device (the ticket's own tracker page):
 * staff and screens are refused, so nobody rates a visit for the citizen.
 */
export type Who = 'anyone' | 'ticket holder' | 'citizen' | 'kiosk' | 'display' | 'integration' | 'staff' | 'clerk' | 'manager' | 'admin';
export type StaffWho = 'staff' | 'clerk' | 'manager' | 'admin';
export type Method = 'get' | 'post' | 'patch' | 'delete';

export interface Operation {
  method: Method;
  /** Under /api/v1. `{name}` is a path parameter, always an id; `{ticketId}` is refused as `invalid-ticket-id`. */
  path: string;
  summary: string;
  who: readonly Who[];
  query?: z.ZodObject;
  /** The JSON body. An operation without one refuses any field (`{}` or nothing is fine). */
  body?: z.ZodType;
  /**
   * The body comes form-encoded instead of as JSON: only for a caller outside Foleni that posts forms
   * (Africa's Talking's SMS delivery reports). Every other operation takes JSON alone.
   */
  form?: true;
  /** One optional request header, passed by the client as `key`. */
  header?: { name: string; key: string; description: string; schema: z.ZodType };
  /** The JSON answer. Left out where the answer is a file (`produces`). */
  response?: z.ZodType;
  /** The success status (200 when left out). */
  status?: number;
  /** The operation may answer 204 with no body (the client then resolves to undefined). */
  noContent?: true;
  /** A file instead of JSON: its media type, for the document. */
  produces?: string;
  /** Refusals worth knowing in advance, by status: each code and when it is answered. */
  errors?: Readonly<Record<number, string>>;
}

/** The names of `{param}`s in a path template. */
export type PathParamNames<P extends string> = P extends `${string}{${infer N}}${infer Rest}` ? N | PathParamNames<Rest> : never;

export type PathParams<O extends Operation> = { [K in PathParamNames<O['path']>]: string };
export type QueryOf<O extends Operation> = O['query'] extends z.ZodType ? z.output<O['query']> : Record<string, never>;
export type BodyOf<O extends Operation> = O['body'] extends z.ZodType ? z.output<O['body']> : Record<string, never>;
export type HeaderOf<O extends Operation> = O['header'] extends { schema: infer S extends z.ZodType } ? z.output<S> | null : null;

/** The answer of a JSON operation (undefined where it may answer 204); a file operation has none to type. */
export type AnswerOf<O extends Operation> =
  | (O['response'] extends z.ZodType ? z.output<O['response']> : void)
  | (O['noContent'] extends true ? undefined : never);

/** What a screen passes to call an operation: its path parameters by name, then query, body and header. */
export type CallInput<O extends Operation> = PathParams<O> &
  (O['query'] extends z.ZodType ? { query: z.input<O['query']> } : unknown) &
  (O['body'] extends z.ZodType ? { body: z.input<O['body']> } : unknown) &
  (O['header'] extends { key: infer K extends string; schema: infer S extends z.ZodType } ? { [k in K]?: z.input<S> } : unknown);

/** Checks an operation's shape and keeps its literal types (method, path, who) for the types above. */
export const operation = <const O extends Operation>(op: O): O => op;

/** The path parameter names of a template, in order. */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}
