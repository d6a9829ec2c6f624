// Services, open-counter counts, users and sessions are kept in memory between writes (every ticket view
// or staff request reads them). They must follow every write at once, and a write that rolls back must
// leave them as they were.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCentre } from '../../src/testing/index.js';
import type { TestCentre } from '../../src/testing/index.js';

describe('read caches', () => {
  let c: TestCentre;
  let admin: string;
  beforeAll(async () => {
    c = await startTestCentre({ ui: false });
    admin = await c.login('admin');
  });
  afterAll(() => c.close());

  it('show a service as the last committed write left it', async () => {
    const { repos, writes } = c.app.ctx;
    const id = c.serviceId('G');
    expect(repos.services.getAny(id)?.slaMinutes).toBe(25);
    expect((await c.api('PATCH', `/admin/services/${id}`, { auth: admin, body: { slaMinutes: 40 } })).status).toBe(200);
    expect(repos.services.get(id)?.slaMinutes).toBe(40);

    // A write that changes the row, then fails: nothing of it shows.
    const rolledBack = writes.run(() => {
      repos.services.update({ ...repos.services.getAny(id)!, slaMinutes: 99, active: false });
      expect(repos.services.get(id)?.slaMinutes).toBe(99);
      throw new Error('no');
    });
    await expect(rolledBack).rejects.toThrow('no');
    expect(repos.services.get(id)).toMatchObject({ slaMinutes: 40, active: true });

    expect((await c.api('DELETE', `/admin/services/${id}`, { auth: admin })).status).toBe(200);
    expect(repos.services.get(id)).toBeUndefined();
    expect(repos.services.getAny(id)?.code).toBe('G');
  });

  it('count open counters as the last committed write left them', async () => {
    const { repos, writes } = c.app.ctx;
    const a = c.serviceId('A');
    expect(repos.counters.openCountsByService().get(a) ?? 0).toBe(0);
    const clerk = await c.login('wanjiru');
    expect((await c.api('POST', `/counters/${c.counterId('1')}/open`, { auth: clerk, body: {} })).status).toBe(200);
    expect(repos.counters.openCountsByService().get(a)).toBe(1);
    // The wait estimate divides by it.
    const services = (await c.api('GET', '/services')).body.items as { id: string; waiting: number }[];
    expect(services.find((s) => s.id === a)).toBeDefined();

    const rolledBack = writes.run(() => {
      repos.counters.setStatus(c.counterId('2'), 'open', null);
      expect(repos.counters.openCountsByService().get(a)).toBe(2);
      throw new Error('no');
    });
    await expect(rolledBack).rejects.toThrow('no');
    expect(repos.counters.openCountsByService().get(a)).toBe(1);

    // A counter's services change under the admin: counts follow.
    expect((await c.api('PATCH', `/admin/counters/${c.counterId('1')}`, { auth: admin, body: { serviceIds: [c.serviceId('K')] } })).status).toBe(200);
    expect(repos.counters.openCountsByService().get(a) ?? 0).toBe(0);
    expect(repos.counters.openCountsByService().get(c.serviceId('K'))).toBe(1);
    expect((await c.api('POST', `/counters/${c.counterId('1')}/close`, { auth: clerk, body: {} })).status).toBe(200);
    expect(repos.counters.openCountsByService().get(c.serviceId('K')) ?? 0).toBe(0);
  });

  it('sign out and deactivation take effect at once, and a rolled-back deactivation does not', async () => {
    const { repos, writes } = c.app.ctx;
    const me = async (token: string) => (await c.api('GET', '/auth/me', { auth: token })).status;
    const res = await c.api('POST', '/auth/login', { body: { username: 'otieno', password: 'foleni-demo' } });
    const token = res.body.token as string;
    expect(await me(token)).toBe(200);
    expect((await c.api('POST', '/auth/logout', { auth: token })).status).toBe(204);
    expect(await me(token)).toBe(401);

    const again = (await c.api('POST', '/auth/login', { body: { username: 'otieno', password: 'foleni-demo' } })).body.token as string;
    expect(await me(again)).toBe(200);
    const user = repos.users.byUsername('otieno')!;
    const rolledBack = writes.run(() => {
      repos.users.update({ ...user, active: false });
      throw new Error('no');
    });
    await expect(rolledBack).rejects.toThrow('no');
    expect(await me(again)).toBe(200);
    expect((await c.api('DELETE', `/admin/users/${user.id}`, { auth: admin })).status).toBe(200);
    expect(await me(again)).toBe(401);
  });
});
