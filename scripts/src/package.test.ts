// The packaged archive installs and starts with the network cut: made by `scripts/src/package.ts` (from the
// builds already made), unpacked into a fresh temporary folder, installed with `install.sh --prefix …
// --no-systemd`, and started with `node server/dist/main.js`, all inside `unshare -n` (a network namespace
// with only loopback: no route anywhere, no DNS), where it must answer /api/v1/health and serve the kiosk.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const out = mkdtempSync(join(tmpdir(), 'foleni-package-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the install archive', () => {
  it('installs and starts in a fresh folder without a network, and answers /api/v1/health', () => {
    for (const built of ['server/dist/main.js', 'kiosk-ui/dist/index.html', 'counter-ui/dist/index.html', 'display-ui/dist/index.html']) {
      expect(existsSync(join(ROOT, built)), `${built}: run npm run build first`).toBe(true);
    }
    const made = spawnSync('npx', ['tsx', 'scripts/src/package.ts'], { cwd: ROOT, env: { ...process.env, FOLENI_PACKAGE_OUT: out }, encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    const archive = /([\w./-]+\.tar\.gz)/.exec(made.stdout)?.[1];
    expect(archive).toBeDefined();
    const file = join(out, archive!.split('/').at(-1)!);
    const folder = file.slice(0, -'.tar.gz'.length).split('/').at(-1)!;

    // Root may make a network namespace; anyone else makes it inside a user namespace (-r).
    const unshare = process.getuid?.() === 0 ? ['-n'] : ['-rn'];
    const port = 20000 + Math.floor(Math.random() * 20000);
    const script = `
      set -e
      ip link set lo up 2>/dev/null || true
      # No route out: the check below proves it, so a pass cannot come from the internet.
      if node -e 'require("node:dns").lookup("registry.npmjs.org", (e) => process.exit(e ? 0 : 1))'; then echo "dns: none"; else echo "dns: WORKS"; fi
      cd "${out}" && tar xzf "${file}"
      "${out}/${folder}/install.sh" --prefix "${out}/opt" --no-systemd
      cd "${out}/opt"
      FOLENI_DATA_DIR="${out}/data" FOLENI_PORT=${port} FOLENI_HOST=127.0.0.1 FOLENI_ADMIN_PASSWORD=field-ready-2026 node server/dist/main.js > "${out}/server.log" 2>&1 &
      server=$!
      ok=1
      for i in $(seq 1 40); do
        if node -e 'fetch("http://127.0.0.1:${port}/api/v1/health").then((r) => r.text()).then((t) => { console.log("health:", t); process.exit(0) }, () => process.exit(1))'; then ok=0; break; fi
        sleep 0.25
      done
      node -e 'fetch("http://127.0.0.1:${port}/kiosk").then((r) => console.log("kiosk:", r.status))'
      kill $server; wait $server || true
      exit $ok
    `;
    const run = spawnSync('unshare', [...unshare, 'sh', '-c', script], { encoding: 'utf8', timeout: 120_000 });
    const log = existsSync(join(out, 'server.log')) ? readFileSync(join(out, 'server.log'), 'utf8') : '';
    expect(run.status, `${run.stdout}\n${run.stderr}\n${log}`).toBe(0);
    expect(run.stdout).toContain('dns: none');
    expect(run.stdout).toMatch(/health: \{"ok":true,"version":"\d+\.\d+\.\d+"\}/);
    expect(run.stdout).toContain('kiosk: 200');
    expect(run.stdout).toContain(`Installing Foleni into ${out}/opt`);
    // The compiled server itself started (its banner), not a wrapper.
    expect(log).toContain('Foleni is running');
  }, 240_000);
});
