// `npm run package`: one archive that installs Foleni on a machine without internet. It holds the built
// screens, the compiled server and its tools (server/dist), the files the server reads beside its sources
// (migrations, the common-password list, package.json), the server's production dependencies copied from
// this checkout's node_modules (better-sqlite3's native binary included, so build it on the platform it
// is for: Linux x64, Node 20), the launch scripts, the systemd units and install.sh.
//
//   npm run package        → dist-package/foleni-<version>-linux-x64.tar.gz
//   tar xzf foleni-<version>-linux-x64.tar.gz && cd foleni-<version>-linux-x64 && sudo ./install.sh
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
/** FOLENI_PACKAGE_OUT: another folder for the archive (tests use a temporary one). */
const OUT = process.env.FOLENI_PACKAGE_OUT ?? join(ROOT, 'dist-package');

interface PackageJson {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as PackageJson;

/** Where Node finds `name` from a package in `fromDir`: its own node_modules, then each folder up to the root. */
function resolvePackage(name: string, fromDir: string): string | null {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === ROOT || dir === dirname(dir)) return null;
  }
}

/** Every package the server needs at run time, as folders of this checkout (workspaces left out: bundled). */
function productionPackages(): string[] {
  const found = new Set<string>();
  const visit = (fromDir: string, deps: Record<string, string>, optional: Set<string>) => {
    for (const name of Object.keys(deps)) {
      if (name.startsWith('@foleni/')) continue;
      const dir = resolvePackage(name, fromDir);
      if (!dir) {
        // An optional dependency for another platform (fsevents on macOS) is not installed here: fine.
        if (optional.has(name)) continue;
        throw new Error(`${name} (needed from ${relative(ROOT, fromDir) || '.'}) is not installed: run npm install first`);
      }
      if (found.has(dir)) continue;
      found.add(dir);
      const pkg = readJson(join(dir, 'package.json'));
      visit(dir, { ...pkg.dependencies, ...pkg.optionalDependencies }, new Set(Object.keys(pkg.optionalDependencies ?? {})));
    }
  };
  visit(join(ROOT, 'server'), readJson(join(ROOT, 'server/package.json')).dependencies ?? {}, new Set());
  return [...found].sort();
}

function need(path: string, hint: string): string {
  const full = join(ROOT, path);
  if (!existsSync(full)) throw new Error(`${path} is missing: ${hint}`);
  return full;
}

const started = performance.now();
const version = readJson(join(ROOT, 'package.json')).version ?? '0.0.0';
const platform = `${process.platform}-${process.arch}`;
const name = `foleni-${version}-${platform}`;
if (platform !== 'linux-x64' || process.versions.node.split('.')[0] !== '20') {
  process.stderr.write(`warning: packaging on ${platform} with Node ${process.versions.node}; the native modules inside are for this platform, not Linux x64 / Node 20\n`);
}
const stage = join(OUT, name);
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });

const copy = (path: string) => cpSync(join(ROOT, path), join(stage, path), { recursive: true, dereference: true });
need('server/dist/main.js', 'run npm run build first');
for (const ui of ['kiosk-ui', 'display-ui', 'counter-ui']) need(`${ui}/dist/index.html`, 'run npm run build first');
for (const path of [
  'server/dist',
  'server/package.json',
  'server/migrations',
  'server/src/auth/common-passwords.txt',
  'kiosk-ui/dist',
  'display-ui/dist',
  'counter-ui/dist',
  'scripts/launch/chromium-kiosk.sh',
  'scripts/launch/kiosk.sh',
  'scripts/launch/display.sh',
  'scripts/systemd',
  'README.md',
]) {
  copy(path);
}
cpSync(join(ROOT, 'scripts/install.sh'), join(stage, 'install.sh'));
chmodSync(join(stage, 'install.sh'), 0o755);

const packages = productionPackages();
for (const dir of packages) {
  // Same place relative to the root as here, so Node resolves them from server/dist exactly as in the checkout.
  cpSync(dir, join(stage, relative(ROOT, dir)), { recursive: true, dereference: true });
}
const native = join(stage, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
if (!existsSync(native)) throw new Error('better-sqlite3 has no native binary in node_modules: run npm install (or npm rebuild better-sqlite3) first');

const archive = join(OUT, `${name}.tar.gz`);
execFileSync('tar', ['-czf', archive, '-C', OUT, name]);
rmSync(stage, { recursive: true, force: true });
const mb = (statSync(archive).size / 1024 / 1024).toFixed(1);
process.stdout.write(`${relative(ROOT, archive)} (${mb} MB, ${packages.length} packages) made in ${Math.round(performance.now() - started)} ms\n`);
process.stdout.write(`Install: tar xzf ${name}.tar.gz && cd ${name} && sudo ./install.sh\n`);
