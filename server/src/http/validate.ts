// zod at the edge: a bad body, query or parameter is a 400 with every problem listed, and changes nothing.
import type { z } from 'zod';
import { badRequest } from '../errors.js';

export function parse<S extends z.ZodType>(schema: S, value: unknown, where = 'body'): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => ({
    path: i.path.join('.') || where,
    message: i.message,
  }));
  const summary = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
  throw badRequest(`invalid-${where.replace(/\s+/g, '-')}`, `The request ${where} is not valid: ${summary}`, problems);
}
