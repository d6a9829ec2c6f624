// The gateway FOLENI_SMS_GATEWAY names (sms-config.ts).
import type { SmsConfig } from '../sms-config.js';
import { AfricasTalkingGateway } from './africastalking-gateway.js';
import type { SmsGateway } from './gateway.js';
import { LogGateway } from './log-gateway.js';
import { ModemGateway } from './modem-gateway.js';

export function createGateway(config: SmsConfig, dataDir: string): SmsGateway {
  const g = config.gateway;
  switch (g.kind) {
    case 'log':
      return new LogGateway(dataDir);
    case 'africastalking':
      return new AfricasTalkingGateway({ url: g.url, username: g.username, apiKey: g.apiKey, from: g.from, timeoutMs: config.sendTimeoutMs });
    case 'modem':
      return new ModemGateway({ device: g.device, baudRate: g.baudRate, sendTimeoutMs: config.sendTimeoutMs });
  }
}
