// What an admin's save changed, field by field, for the audit log: only the fields whose value differs,
// each as {from, to}; secrets are never written, only that they changed.

export type Changes = Record<string, { from: unknown; to: unknown }>;

const SECRET = '***';

/** The fields of `fields` whose value in `after` differs from `before` (compared as JSON). */
export function changesOf(before: object, after: object, fields: Iterable<string>, secret: readonly string[] = []): Changes {
  const out: Changes = {};
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  for (const f of fields) {
    if (a[f] === undefined) continue;
    if (secret.includes(f)) {
      out[f] = { from: SECRET, to: SECRET };
      continue;
    }
    if (JSON.stringify(b[f] ?? null) !== JSON.stringify(a[f] ?? null)) out[f] = { from: b[f] ?? null, to: a[f] };
  }
  return out;
}
