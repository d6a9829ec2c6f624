// What the bench asks of a running Foleni server over its public API.

export interface Api {
  url: string;
  call<T = unknown>(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: T }>;
  login(username: string): Promise<string>;
}

export function api(url: string): Api {
  const call = async <T>(method: string, path: string, token?: string, body?: unknown) => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
  return {
    url,
    call,
    async login(username) {
      const res = await call<{ token: string }>('POST', '/auth/login', undefined, { username, password: 'foleni-demo' });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
      return res.body.token;
    },
  };
}

/** Runs `task` for 0..n-1 with at most `limit` at once. */
export async function inParallel(n: number, limit: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, n) }, async () => {
    while (next < n) await task(next++);
  });
  await Promise.all(lanes);
}

/** Issues `n` tickets of the services given (in turn), `limit` at a time; returns their ids in issue order. */
export async function issueTickets(a: Api, token: string, serviceIds: string[], n: number, limit = 16): Promise<string[]> {
  const ids: string[] = new Array<string>(n);
  await inParallel(n, limit, async (i) => {
    const res = await a.call<{ ticket: { id: string } }>('POST', '/tickets', token, { serviceId: serviceIds[i % serviceIds.length] });
    if (res.status !== 201) throw new Error(`issue: ${res.status} ${JSON.stringify(res.body)}`);
    ids[i] = res.body.ticket.id;
  });
  return ids;
}

export async function serviceByCode(a: Api): Promise<Map<string, string>> {
  const res = await a.call<{ items: { id: string; code: string }[] }>('GET', '/services');
  return new Map(res.body.items.map((s) => [s.code, s.id]));
}
