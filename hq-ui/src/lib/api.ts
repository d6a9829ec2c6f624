// Head office's API from its own pages: the session cookie signs each request; errors carry the server's reason.
import type { HqCentreToday, HqImportAnswer, HqOutreachReport, HqReport, HqUser } from '@foleni/shared';

const BASE = '/hq/api/v1';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(method: string, path: string, body?: { json: unknown } | { file: File }): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: {} };
  if (body && 'json' in body) {
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify(body.json);
  } else if (body) {
    init.headers = { 'content-type': 'application/x-ndjson' };
    init.body = body.file;
  }
  const res = await fetch(`${BASE}${path}`, init);
  const answer: unknown = await res.json().catch(() => ({}));
  if (!res.ok) {
    const e = (answer as { error?: { code?: string; message?: string } }).error;
    throw new ApiError(res.status, e?.code ?? 'error', e?.message ?? res.statusText);
  }
  return answer as T;
}

export const api = {
  me: () => call<{ user: HqUser | null }>('GET', '/auth/me'),
  login: (username: string, password: string) => call<{ user: HqUser; token: string }>('POST', '/auth/login', { json: { username, password } }),
  logout: () => call<object>('POST', '/auth/logout'),
  centres: () => call<{ items: HqCentreToday[] }>('GET', '/centres'),
  registerCentre: (body: { code: string; name: string; kind: 'centre' | 'outreach'; county?: string; parentCode?: string }) =>
    call<{ centre: HqCentreToday; key: string }>('POST', '/centres', { json: body }),
  report: (q: { from: string; to: string; groupBy: HqReport['groupBy']; centre?: string }) => call<HqReport>('GET', `/report?${new URLSearchParams(q)}`),
  reportCsvUrl: (q: { from: string; to: string; groupBy: HqReport['groupBy']; centre?: string }) => `${BASE}/report?${new URLSearchParams({ ...q, format: 'csv' })}`,
  outreach: (q: { from: string; to: string }) => call<HqOutreachReport>('GET', `/report/outreach?${new URLSearchParams(q)}`),
  importBundle: (file: File) => call<HqImportAnswer>('POST', '/import', { file }),
};

/** Today and days before it, in Nairobi (UTC+3), as YYYY-MM-DD. */
export function nairobiDay(daysBack = 0): string {
  return new Date(Date.now() + 3 * 3_600_000 - daysBack * 86_400_000).toISOString().slice(0, 10);
}
