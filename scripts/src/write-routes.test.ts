import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROUTES_FILE, routesSource } from './write-routes.js';

describe('the routes the screens call', () => {
  it('are the operation table as write-routes makes them (run npm run build after changing operations.ts)', () => {
    expect(readFileSync(ROUTES_FILE, 'utf8')).toBe(routesSource());
  });
});
