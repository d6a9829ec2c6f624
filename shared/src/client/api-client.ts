// The screens' API client, derived from the operation table: `api.issueTicket({ body, idempotencyKey })`
// sends what the table says and resolves to the answer's type. JSON in and out, the API's error shape
// turned into ApiError, the device or staff token sent as a bearer token when there is one.
// The error body is `{ error: { code, message, details? } }` (server/src/errors.ts).
import type { AnswerOf, CallInput } from '../api/operation.js';
import type { OperationName, Operations } from '../api/operations.js';
import { ROUTES } from '../api/routes.generated.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** What the server added to name things in the refusal (`error.details`), as it sent it. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  /** True when the server could not be reached at all (no answer, or a proxy's 5xx). */
  get network(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

export interface ApiClientOptions {
  base?: string;
  token?: () => string | null;
  timeoutMs?: number;
}

/** An operation's arguments: optional when it needs nothing (no path parameter, query or body). */
type Args<O extends Operations[OperationName]> = Record<string, never> extends CallInput<O> ? [input?: CallInput<O>] : [input: CallInput<O>];

export type Api = { [K in OperationName]: (...args: Args<Operations[K]>) => Promise<AnswerOf<Operations[K]>> } & {
  /** The address of an operation, for a link or a download (a CSV report, a backup). */
  href<K extends OperationName>(name: K, ...args: Args<Operations[K]>): string;
};

interface Loose {
  query?: Record<string, unknown>;
  body?: unknown;
  [name: string]: unknown;
}

export function createApi(opts: ApiClientOptions = {}): Api {
  const base = opts.base ?? '/api/v1';

  function href(name: OperationName, input: Loose = {}): string {
    const route = ROUTES[name];
    const path = route.path.replace(/\{(\w+)\}/g, (_, param: string) => encodeURIComponent(String(input[param])));
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(input.query ?? {})) if (v !== undefined && v !== null) query.set(k, String(v));
    const qs = query.toString();
    return base + path + (qs ? `?${qs}` : '');
  }

  async function call(name: OperationName, input: Loose = {}): Promise<unknown> {
    const route: { method: string; header?: { name: string; key: string } } = ROUTES[name];
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = opts.token?.();
    if (token) headers.authorization = `Bearer ${token}`;
    const value = route.header ? input[route.header.key] : undefined;
    if (route.header && value !== undefined) headers[route.header.name] = String(value);
    const sendsBody = route.method === 'POST' || route.method === 'PATCH';
    if (sendsBody) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(href(name, input), {
        method: route.method,
        headers,
        credentials: 'same-origin',
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
        ...(sendsBody ? { body: JSON.stringify(input.body ?? {}) } : {}),
      });
    } catch {
      throw new ApiError(0, 'network', 'The server could not be reached.');
    }
    if (res.status === 204) return undefined;
    const data = (await res.json().catch(() => null)) as { error?: { code: string; message: string; details?: unknown } } | null;
    if (!res.ok) throw new ApiError(res.status, data?.error?.code ?? 'http-' + res.status, data?.error?.message ?? res.statusText, data?.error?.details);
    return data;
  }

  const api: Record<string, unknown> = { href };
  for (const name of Object.keys(ROUTES) as OperationName[]) api[name] = (input?: Loose) => call(name, input);
  // The table's types are carried by Api; at run time every operation is the same call by name.
  return api as Api;
}
