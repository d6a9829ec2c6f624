// The address in tickets' QR codes: container bridges passed over, localhost and bridges warned about, the
// LAN address followed as the network changes (read again every 30 s, not per ticket), and the admin's own
// address (Centre page) printed instead when set; the Wi-Fi to join printed beside the QR code.
import { readFileSync } from 'node:fs';
import type { NetworkInterfaceInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCentre, type TestCentre } from '../testing/index.js';
import { pickLanAddress, REREAD_MS, TicketAddress } from './ticket-address.js';

const v4 = (address: string, internal = false): NetworkInterfaceInfo => ({ address, family: 'IPv4', internal, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: null });

describe('the LAN address', () => {
  it('passes over container bridges and loopback for the Wi-Fi', () => {
    expect(pickLanAddress({ lo: [v4('127.0.0.1', true)], docker0: [v4('172.17.0.1')], 'br-5f2a': [v4('172.18.0.1')], veth12: [v4('169.254.3.1')], wlan0: [v4('192.168.43.20')] })).toEqual({ address: '192.168.43.20', bridge: false });
    expect(pickLanAddress({ eth0: [v4('172.17.0.5')], wlp2s0: [v4('10.0.5.7')] })).toEqual({ address: '10.0.5.7', bridge: false });
  });

  it('falls back to a bridge, then to localhost, and says so', () => {
    expect(pickLanAddress({ lo: [v4('127.0.0.1', true)], docker0: [v4('172.17.0.1')] })).toEqual({ address: '172.17.0.1', bridge: true });
    expect(pickLanAddress({ lo: [v4('127.0.0.1', true)] })).toEqual({ address: 'localhost', bridge: false });
  });

  it('follows a change of network without a restart, reading the interfaces at most every 30 s', () => {
    let now = 0;
    let ifaces: Record<string, NetworkInterfaceInfo[]> = { lo: [v4('127.0.0.1', true)], docker0: [v4('172.17.0.1')] };
    let reads = 0;
    const changes: string[] = [];
    const address = new TicketAddress({
      fixedUrl: () => null,
      port: () => 8080,
      centre: () => ({ publicUrl: null }),
      now: () => now,
      interfaces: () => (reads++, ifaces),
      onChange: (from, to) => changes.push(`${from} -> ${to}`),
    });
    const first = address.view();
    expect(first).toMatchObject({ url: 'http://172.17.0.1:8080', source: 'network' });
    expect(first.warning).toContain('container bridge');

    // The laptop's hotspot comes up: tickets follow within 30 s, and a thousand tickets meanwhile read nothing.
    ifaces = { ...ifaces, wlan0: [v4('192.168.43.1')] };
    now = REREAD_MS - 1;
    for (let i = 0; i < 1000; i++) expect(address.url()).toBe('http://172.17.0.1:8080');
    expect(reads).toBe(1);
    now = REREAD_MS;
    expect(address.view()).toEqual({ url: 'http://192.168.43.1:8080', source: 'network', warning: null });
    expect(changes).toEqual(['http://172.17.0.1:8080 -> http://192.168.43.1:8080']);

    // The Wi-Fi goes: localhost, with a warning.
    ifaces = { lo: [v4('127.0.0.1', true)] };
    now += REREAD_MS;
    expect(address.view().warning).toContain('this machine only');
  });

  it('is the admin’s address when set, then FOLENI_PUBLIC_URL, and never reads the interfaces for them', () => {
    let set: string | null = 'http://10.1.1.5:8080';
    const address = new TicketAddress({
      fixedUrl: () => 'http://huduma.local:8080',
      port: () => 8080,
      centre: () => ({ publicUrl: set }),
      now: () => 0,
      interfaces: () => {
        throw new Error('not read');
      },
    });
    expect(address.view()).toEqual({ url: 'http://10.1.1.5:8080', source: 'centre', warning: null });
    set = null;
    expect(address.view()).toEqual({ url: 'http://huduma.local:8080', source: 'environment', warning: null });
  });
});

describe('the Centre page’s address and Wi-Fi name', () => {
  let c: TestCentre;
  let admin: string;
  beforeAll(async () => {
    c = await startTestCentre({ ui: false });
    admin = await c.login('admin');
  });
  afterAll(async () => {
    await c?.close();
  });

  const previewText = async (jobId: string) => {
    await c.app.ctx.printing.whenIdle();
    return readFileSync(join(c.dataDir, 'previews', `${jobId}.txt`), 'utf8');
  };

  it('shows the address in use, lets the admin set it and the Wi-Fi name, and tickets print both', async () => {
    expect((await c.api('GET', '/admin/centre/ticket-address', { auth: admin })).body).toEqual({ url: c.url, source: 'environment', warning: expect.stringContaining('this machine only') });

    const saved = await c.api('PATCH', '/admin/centre', { auth: admin, body: { publicUrl: 'http://192.168.1.10:8080/', wifiName: ' HudumaFree ' } });
    expect(saved.status).toBe(200);
    expect(saved.body.centre).toMatchObject({ publicUrl: 'http://192.168.1.10:8080', wifiName: 'HudumaFree' });
    expect((await c.api('GET', '/admin/centre/ticket-address', { auth: admin })).body).toEqual({ url: 'http://192.168.1.10:8080', source: 'centre', warning: null });

    const en = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('B'), lang: 'en' } });
    expect(en.body.ticket.trackUrl).toMatch(/^http:\/\/192\.168\.1\.10:8080\/t\//);
    expect(await previewText(en.body.print.jobId)).toContain('Wi-Fi: HudumaFree');
    const sw = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('B'), lang: 'sw' } });
    expect(await previewText(sw.body.print.jobId)).toContain('Mtandao wa Wi-Fi: HudumaFree');

    const audit = (await c.api('GET', '/admin/audit', { auth: admin })).body.items[0];
    expect(JSON.stringify(audit)).toContain('192.168.1.10');
  });

  it('goes back to the server’s own address when cleared, and no Wi-Fi line without a name', async () => {
    await c.api('PATCH', '/admin/centre', { auth: admin, body: { publicUrl: null, wifiName: '' } });
    const res = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('B'), lang: 'en' } });
    expect(res.body.ticket.trackUrl.startsWith(`${c.url}/t/`)).toBe(true);
    expect(await previewText(res.body.print.jobId)).not.toContain('Wi-Fi');
  });

  it('refuses an address that is not a web address, and says why', async () => {
    const res = await c.api('PATCH', '/admin/centre', { auth: admin, body: { publicUrl: 'ftp://x' } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('The ticket address is a web address');
  });
});
