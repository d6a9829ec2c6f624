import { describe, expect, it } from 'vitest';
import { newTicketId } from './ids.js';

describe('ticket ids', () => {
  it('are 22 URL-safe characters, never the same twice, even in the same millisecond', () => {
    const at = Date.UTC(2026, 10, 28, 9, 30);
    const ids = Array.from({ length: 1000 }, () => newTicketId(at));
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new Set(ids).size).toBe(ids.length);
    // Only the time part is shared: the 88 random bits differ.
    expect(new Set(ids.map((id) => id.slice(7))).size).toBe(ids.length);
  });

  it('sort in the order they were made, so new tickets go to the end of the id index', () => {
    const start = Date.UTC(2026, 0, 1);
    const times = [start, start + 1, start + 63, start + 64, start + 65, start + 4095, start + 4096, start + 86_400_000, Date.UTC(2090, 0, 1)];
    const ids = times.map((t) => newTicketId(t));
    expect([...ids].sort()).toEqual(ids);
    // And as SQLite sorts text (by bytes), which is how the index keeps them.
    expect([...ids].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))).toEqual(ids);
  });
});
