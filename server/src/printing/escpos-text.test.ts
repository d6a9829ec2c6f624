import { describe, expect, it } from 'vitest';
import { decodeEscPos } from './escpos-text.js';
import { readToken, tokenize } from './escpos-tokens.js';
import { printerStatusOf, realtimeStatusFor } from './escpos-status.js';
import { PRINTER_STATUSES } from '@foleni/shared';

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

const qrStore = (data: string): number[] => {
  const payload = [...Buffer.from(data, 'latin1')];
  const length = payload.length + 3;
  return [0x1d, 0x28, 0x6b, length & 0xff, length >> 8, 0x31, 0x50, 0x30, ...payload];
};
const QR_PRINT = [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30];

describe('decodeEscPos', () => {
  it('keeps the text, drops commands, and notes QR codes and cuts', () => {
    const decoded = decodeEscPos(
      bytes([0x1b, 0x40], [0x1b, 0x61, 0x01], 'Hello', [0x0a, 0x0d], [0x1d, 0x21, 0x33], 'B007', [0x1d, 0x21, 0x00, 0x0a], qrStore('http://x/t/1'), QR_PRINT, [0x1d, 0x56, 0x01]),
    );
    expect(decoded.text).toBe('Hello\nB007\n[QR: http://x/t/1]\n[cut]');
    expect(decoded.qrCodes).toEqual(['http://x/t/1']);
    expect(decoded.cuts).toBe(1);
  });

  it('reads code page 437 for bytes above 0x7F', () => {
    expect(decodeEscPos(bytes([0x1b, 0x74, 0x00], [0x43, 0x61, 0x66, 0x82])).text).toBe('Café');
  });

  it('does not take status-like bytes inside QR data for commands', () => {
    const tokens = tokenize(bytes(qrStore('a\u0010\u0004\u0001b'), [0x10, 0x04, 0x01]));
    expect(tokens.map((t) => t.type)).toEqual(['qr-store', 'realtime-status']);
  });
});

describe('readToken', () => {
  it('waits for the rest of a command cut in two by the network', () => {
    const whole = bytes(qrStore('http://x/t/1'));
    expect(readToken(whole.subarray(0, 6), 0)).toBeNull();
    expect(readToken(bytes([0x10, 0x04]), 0)).toBeNull();
    expect(readToken(whole, 0)?.end).toBe(whole.length);
  });

  it('reads DLE EOT and GS r', () => {
    expect(readToken(bytes([0x10, 0x04, 0x02]), 0)?.token).toEqual({ type: 'realtime-status', n: 2 });
    expect(readToken(bytes([0x1d, 0x72, 0x31]), 0)?.token).toEqual({ type: 'transmit-status', n: 1 });
  });
});

describe('status bytes', () => {
  it('reads back every status the fake printer writes', () => {
    for (const status of PRINTER_STATUSES.filter((s) => s !== 'unknown' && s !== 'preview')) {
      expect(printerStatusOf(realtimeStatusFor(status))).toBe(status);
    }
  });

  it('matches the documented replies of a printer out of paper', () => {
    // DLE EOT 1, 2, 4 of an Epson printer with an empty roll: offline, paper-end stop, near end + end.
    expect(realtimeStatusFor('paper_out')).toEqual({ printer: 0x1a, offlineCause: 0x32, paper: 0x7e });
    expect(realtimeStatusFor('online')).toEqual({ printer: 0x12, offlineCause: 0x12, paper: 0x12 });
  });
});
