// `npm run build` (server workspace): bundles the server into one JavaScript file, server/dist/main.js, that
// a centre runs with `node` alone: no tsx, no npm, so the SIGTERM of systemd or of a Ctrl+C reaches the
// server itself. @foleni/shared is TypeScript source consumed through its package exports, so it is bundled
// in; the server's npm dependencies (better-sqlite3 is native) stay in node_modules.
//
// A bundle has one import.meta.url, but a few modules find files beside their source (migrations, the
// common-password list, the built screens, package.json). Each module's import.meta.url is rewritten to its
// source file's address, relative to the bundle: those files are read where they are in the repository, and
// the bundle keeps working wherever the whole folder is moved.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';
import type { Plugin } from 'esbuild';

const SERVER = join(import.meta.dirname, '../../server');
const OUT_DIR = join(SERVER, 'dist');

const serverPackage = JSON.parse(readFileSync(join(SERVER, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const external = Object.keys(serverPackage.dependencies).filter((name) => !name.startsWith('@foleni/'));

const sourceAddresses: Plugin = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const code = readFileSync(args.path, 'utf8');
      if (!code.includes('import.meta.url')) return { contents: code, loader: 'ts' };
      const fromBundle = relative(OUT_DIR, args.path).split('\\').join('/');
      const url = `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`;
      return { contents: code.replaceAll('import.meta.url', url), loader: 'ts', resolveDir: dirname(args.path) };
    });
  },
};

const started = performance.now();
await build({
  // The server, and the two tools run with it stopped (restore a backup, reset a password): an installed
  // centre has neither tsx nor the TypeScript sources.
  entryPoints: {
    main: join(SERVER, 'src/main.ts'),
    'restore-backup': join(SERVER, '../scripts/src/restore-backup.ts'),
    'reset-password': join(SERVER, '../scripts/src/reset-password.ts'),
  },
  outdir: OUT_DIR,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external,
  sourcemap: true,
  // Bundled CommonJS (none today) would need require(): give it the ESM bundle's own.
  banner: { js: "import { createRequire as __foleniRequire } from 'node:module'; const require = __foleniRequire(import.meta.url);" },
  plugins: [sourceAddresses],
  logLevel: 'warning',
});
process.stdout.write(`server/dist/main.js (with restore-backup.js, reset-password.js) built in ${Math.round(performance.now() - started)} ms\n`);
