// The demo's log gateway: a real centre (default gateway) writes each message once, in the order queued, the
// number masked; a file it cannot write sends nothing and says why; a write cut short (the disk full midway,
// here the file-size limit) counts the lines written whole as sent, the cut one uncertain, the rest not sent.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCentre } from '../../testing/index.js';
import type { TestCentre } from '../../testing/index.js';
import { LogGateway } from './log-gateway.js';

interface LogLine {
  at: string;
  id: string;
  to: string;
  text: string;
}

describe('the log gateway', () => {
  let c: TestCentre;
  const lines = (): LogLine[] => {
    try {
      return readFileSync(join(c.dataDir, 'sms.log'), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogLine);
    } catch {
      return [];
    }
  };

  beforeAll(async () => {
    c = await startTestCentre({ ui: false });
  });
  afterAll(async () => {
    await c.close();
  });

  it('writes every message once, in the order the tickets were issued, with the number masked', async () => {
    const numbers = Array.from({ length: 40 }, (_, i) => `0712 ${String(500_000 + i)}`);
    const answers = await Promise.all(
      numbers.map((phone) => c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('A'), phone } })),
    );
    for (const a of answers) expect(a.status).toBe(201);
    const labels = answers.map((a) => (a.body as { ticket: { label: string; number: number } }).ticket).sort((x, y) => x.number - y.number).map((t) => t.label);
    const until = Date.now() + 10_000;
    while (lines().length < numbers.length && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    const written = lines();
    expect(written).toHaveLength(numbers.length);
    expect(written.map((l) => /Ticket ([A-Z]\d+)\./.exec(l.text)?.[1])).toEqual(labels);
    expect(new Set(written.map((l) => l.id)).size).toBe(numbers.length);
    expect(written.every((l) => /^\+2547•••••\d{3}$/.test(l.to))).toBe(true);
    const file = readFileSync(join(c.dataDir, 'sms.log'), 'utf8');
    for (const n of numbers) expect(file).not.toContain(n.replace(/\D/g, '').slice(1));
    const overview = await c.api('GET', '/sms', { auth: await c.login('manager') });
    expect((overview.body as { today: { sent: number; queued: number } }).today).toMatchObject({ sent: numbers.length, queued: 0 });
  });

  it('sends nothing of a batch it cannot write, and says why', async () => {
    const gateway = new LogGateway(join(c.dataDir, 'no-such-folder'));
    const outcomes = await gateway.sendMany([
      { to: '+254712000001', text: 'one', attemptId: 'b.1' },
      { to: '+254712000002', text: 'two', attemptId: 'b.2' },
    ]);
    expect(outcomes).toHaveLength(2);
    for (const o of outcomes) expect(o).toMatchObject({ result: 'not-sent', error: expect.stringContaining('cannot write data/sms.log') });
    await gateway.close();
  });

  it('counts a write cut short line by line: whole lines sent, the cut one uncertain, the rest not sent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'foleni-log-gateway-'));
    try {
      const gateway = fileURLToPath(new URL('./log-gateway.ts', import.meta.url));
      // A 1 KiB file-size limit (ulimit -f) cuts the batch's one write short, as a disk filling midway would.
      const script = `
        import { LogGateway } from ${JSON.stringify(gateway)};
        const messages = Array.from({ length: 12 }, (_, i) => ({ to: '+2547123456' + String(i).padStart(2, '0'), text: 'Ticket A0' + i + '. ' + 'x'.repeat(60), attemptId: 'b.' + i }));
        console.log(JSON.stringify(await new LogGateway(${JSON.stringify(dir)}).sendMany(messages)));`;
      const run = spawnSync('bash', ['-c', 'ulimit -f 1 && exec "$0" --import tsx --input-type=module -e "$1"', process.execPath, script], {
        cwd: dirname(gateway),
        encoding: 'utf8',
      });
      expect(run.status, run.stderr).toBe(0);
      const outcomes = JSON.parse(run.stdout) as { result: string; error?: string }[];
      const file = readFileSync(join(dir, 'sms.log'));
      expect(file.length).toBe(1024);
      const whole = file.toString('latin1').split('\n').length - 1;
      expect(whole).toBeGreaterThan(0);
      expect(outcomes.map((o) => o.result)).toEqual([...Array(whole).fill('sent'), 'unknown', ...Array(12 - whole - 1).fill('not-sent')]);
      expect(outcomes.at(-1)!.error).toMatch(/^cannot write data\/sms\.log: wrote 1024 of \d{4} bytes$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
