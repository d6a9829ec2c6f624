// The launch scripts' Chromium command lines, printed by their dry run: the display gets a local voice and
// sound without a tap, no screen gets Chromium's "unsupported command-line flag" bar, and a server on
// this machine is used as the secure origin it already is, without the flag that marks it so.
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const home = mkdtempSync(join(tmpdir(), 'foleni-launch-'));

function commandLine(script: 'display.sh' | 'kiosk.sh', server: string): string[] {
  const out = execFileSync('sh', [fileURLToPath(new URL(script, import.meta.url)), server], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, FOLENI_DRY_RUN: '1', FOLENI_BROWSER: 'chromium' },
    encoding: 'utf8',
  });
  return out.trim().split(' ');
}

describe('launch scripts', () => {
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('start the display with speech-dispatcher voices and sound allowed, and no warning bar', () => {
    const args = commandLine('display.sh', 'http://192.168.1.20:8080');
    expect(args[0]).toBe('chromium');
    expect(args).toEqual(expect.arrayContaining(['--kiosk', '--enable-speech-dispatcher', '--autoplay-policy=no-user-gesture-required', '--test-type']));
    expect(args).toContain('--unsafely-treat-insecure-origin-as-secure=http://192.168.1.20:8080');
    expect(args.at(-1)).toBe('http://192.168.1.20:8080/display');
  });

  it('need no secure-origin flag for a server on the same machine', () => {
    for (const server of ['http://localhost:8080', 'http://127.0.0.1:8080', 'https://centre.example:8443']) {
      const args = commandLine('display.sh', server);
      expect(args.some((a) => a.startsWith('--unsafely-treat-insecure-origin-as-secure'))).toBe(false);
      expect(args).toContain('--enable-speech-dispatcher');
    }
  });

  it('start the kiosk without the display’s voice flag, keeping the pairing link', () => {
    const args = commandLine('kiosk.sh', 'http://10.0.0.2:8080/kiosk?pair=abc');
    expect(args).toEqual(expect.arrayContaining(['--kiosk', '--test-type', '--touch-events=enabled', '--unsafely-treat-insecure-origin-as-secure=http://10.0.0.2:8080']));
    expect(args).not.toContain('--enable-speech-dispatcher');
    expect(args.at(-1)).toBe('http://10.0.0.2:8080/kiosk?pair=abc');
  });
});
