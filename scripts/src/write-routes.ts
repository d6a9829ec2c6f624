// Writes shared/src/api/routes.generated.ts: each operation's method, path and header name, without its schemas, so the
// screens' client knows where to send a call without bundling zod. Run by `npm run build`; a test
// (write-routes.test.ts) fails when the file is not what this would write.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OPERATIONS } from '@foleni/shared';

export const ROUTES_FILE = fileURLToPath(new URL('../../shared/src/api/routes.generated.ts', import.meta.url));

export function routesSource(): string {
  const lines = Object.entries(OPERATIONS).map(([name, op]) => {
    const header = 'header' in op && op.header ? `, header: { name: '${op.header.name}', key: '${op.header.key}' }` : '';
    return `  ${name}: { method: '${op.method.toUpperCase()}', path: '${op.path}'${header} },`;
  });
  return [
    '// Generated from operations.ts by scripts/src/write-routes.ts (npm run build); do not edit.',
    "import type { OperationName } from './operations.js';",
    '',
    'export const ROUTES = {',
    ...lines,
    '} as const satisfies Record<OperationName, { method: string; path: string; header?: { name: string; key: string } }>;',
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(ROUTES_FILE, routesSource());
}
