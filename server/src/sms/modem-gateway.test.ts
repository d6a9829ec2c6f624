// The GSM modem gateway against a fake modem: a process of its own on one end of a socat pseudo-terminal
// pair, answering AT commands as a modem does, and falling silent on demand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCentre } from '../testing/index.js';
import type { TestCentre } from '../testing/index.js';
import { FakeModem } from '../testing/sms-fakes.js';
import { ModemGateway } from './gateways/modem-gateway.js';

describe('the GSM modem gateway', () => {
  let modem: FakeModem;
  let gateway: ModemGateway;

  beforeAll(async () => {
    modem = await FakeModem.start();
    gateway = new ModemGateway({ device: modem.device, baudRate: 115200, commandTimeoutMs: 500, sendTimeoutMs: 800 });
  });
  afterAll(async () => {
    await gateway.close();
    await modem.close();
  });

  it('puts the modem in text mode, then sends with AT+CMGS, the text and Ctrl-Z', async () => {
    const outcome = await gateway.send('+254712345601', 'Huduma GPO: A012, it is your turn: please go to Counter 4 now.', 'a1');
    expect(outcome).toEqual({ result: 'sent', gatewayId: 'cmgs-1' });
    expect(modem.commands).toEqual(['AT', 'AT+CMGF=1', 'AT+CMGS="+254712345601"']);
    expect(modem.received).toEqual([{ to: '+254712345601', text: 'Huduma GPO: A012, it is your turn: please go to Counter 4 now.' }]);
    expect(await gateway.send('+254712345602', 'second', 'a2')).toEqual({ result: 'sent', gatewayId: 'cmgs-2' });
    // Text mode once per opening, not per message.
    expect(modem.commands.filter((c) => c === 'AT+CMGF=1')).toHaveLength(1);
  });

  it('a silent modem: not sent before the text, outcome unknown after it; then it is opened afresh', async () => {
    await modem.mode('silent');
    expect(await gateway.send('+254712345603', 'never goes', 'a3')).toMatchObject({ result: 'not-sent', error: expect.stringContaining('no answer') });
    await modem.mode('silent-after-text');
    const unknown = await gateway.send('+254712345604', 'may have gone', 'a4');
    expect(unknown).toMatchObject({ result: 'unknown' });
    expect(modem.received.at(-1)).toEqual({ to: '+254712345604', text: 'may have gone' });
    await modem.mode('ok');
    const commands = modem.commands.length;
    expect(await gateway.send('+254712345605', 'back', 'a5')).toMatchObject({ result: 'sent' });
    expect(modem.commands.slice(commands)).toEqual(['AT', 'AT+CMGF=1', 'AT+CMGS="+254712345605"']);
  });
});

describe('a centre texting through a modem (an outreach day without internet)', () => {
  let modem: FakeModem;
  let c: TestCentre;

  beforeAll(async () => {
    modem = await FakeModem.start();
    c = await startTestCentre({ ui: false, sms: { gateway: { kind: 'modem', device: modem.device, baudRate: 115200 }, backoffMs: { first: 100, max: 400 }, sendTimeoutMs: 1_000 } });
  });
  afterAll(async () => {
    await c.close();
    await modem.close();
  });

  it('sends the kiosk ticket’s message through the modem', async () => {
    const res = await c.api('POST', '/tickets', { auth: c.kioskToken, body: { serviceId: c.serviceId('K'), lang: 'sw', phone: '0712345606' } });
    expect(res.status).toBe(201);
    const [m] = await modem.waitFor(1);
    expect(m!.to).toBe('+254712345606');
    expect(m!.text).toContain(`Tiketi ${res.body.ticket.label}`);
    const overview = await c.api('GET', '/sms', { auth: await c.login('manager') });
    expect(overview.body.gateway).toMatchObject({ kind: 'modem', target: modem.device, state: 'ok' });
  });
});
