// A backup download given up on (the client gone before the copy was made, or while it streams) leaves no
// copy of the database behind: the copy holds every password and token hash.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';

describe('an abandoned backup download', () => {
  // This file's own temporary folder (the server runs in this process), so other tests' copies never count.
  const own = mkdtempSync(join(tmpdir(), 'foleni-abandoned-'));
  const before = process.env.TMPDIR;
  let c: TestCentre;
  let admin: string;

  beforeAll(async () => {
    process.env.TMPDIR = own;
    c = await startTestCentre({ ui: false });
    admin = await c.login('admin');
  });
  afterAll(async () => {
    await c?.close();
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(own, { recursive: true, force: true });
  });

  const copies = () => readdirSync(own).filter((n) => n.startsWith('foleni-backup-'));

  it('leaves no copy behind, whenever the client goes', async () => {
    for (const after of [0, 1, 3, 10, 30]) {
      const abort = new AbortController();
      const res = fetch(`${c.url}/api/v1/admin/backup`, { headers: { authorization: `Bearer ${admin}` }, signal: abort.signal });
      setTimeout(() => abort.abort(), after);
      await res.then((r) => r.arrayBuffer()).catch(() => undefined);
    }
    // A whole download, then: its copy goes too.
    expect((await fetch(`${c.url}/api/v1/admin/backup`, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(200);
    for (let i = 0; i < 50 && copies().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(copies()).toEqual([]);
  });
});
