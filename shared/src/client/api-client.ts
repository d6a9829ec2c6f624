// A small fetch wrapper for the screens: JSON in and out, the API's error shape turned into ApiError,
// the device or staff token sent as a bearer token when there is one.
// The error body is `{ error: { code, message, details? } }` (server/src/errors.ts).

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

export function createApiClient(opts: ApiClientOptions = {}) {
  const base = opts.base ?? '/api/v1';
  async function request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const h: Record<string, string> = { accept: 'application/json', ...headers };
    const token = opts.token?.();
    if (token) h.authorization = `Bearer ${token}`;
    if (body !== undefined) h['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(base + path, {
        method,
        headers: h,
        credentials: 'same-origin',
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      throw new ApiError(0, 'network', 'The server could not be reached.');
    }
    if (res.status === 204) return undefined as T;
    const data = (await res.json().catch(() => null)) as { error?: { code: string; message: string; details?: unknown } } | null;
    if (!res.ok) throw new ApiError(res.status, data?.error?.code ?? 'http-' + res.status, data?.error?.message ?? res.statusText, data?.error?.details);
    return data as T;
  }
  return {
    get: <T>(path: string) => request<T>('GET', path),
    post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, body ?? {}, headers),
    patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
    delete: <T>(path: string) => request<T>('DELETE', path),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
