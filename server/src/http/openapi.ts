// The OpenAPI 3.1 document of API v1, generated from the operation table the server mounts its handlers
// from (@foleni/shared's OPERATIONS): what is documented is what is served.
import { z } from 'zod';
import { ErrorBody, OPERATIONS, pathParamNames } from '@foleni/shared';
import type { Operation } from '@foleni/shared';
import { VERSION } from '../version.js';

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
const json = (schema: z.ZodType) => ({ 'application/json': { schema: jsonSchema(schema) } });

function parameters(op: Operation): Record<string, unknown>[] {
  const path = pathParamNames(op.path).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
  const query = Object.entries(op.query?.shape ?? {}).map(([name, field]) => ({
    name,
    in: 'query',
    required: !(field as z.ZodType).safeParse(undefined).success,
    schema: jsonSchema(field as z.ZodType),
  }));
  const header = op.header ? [{ name: op.header.name, in: 'header', required: false, description: op.header.description, schema: jsonSchema(op.header.schema) }] : [];
  return [...path, ...query, ...header];
}

function success(op: Operation): Record<string, unknown> {
  const content = {
    ...(op.response ? json(op.response) : {}),
    ...(op.produces && op.produces !== 'application/json' ? { [op.produces]: {} } : {}),
  };
  const answers: Record<string, unknown> = { [String(op.status ?? 200)]: { description: 'Success', ...(Object.keys(content).length ? { content } : {}) } };
  if (op.noContent && op.status !== 204) answers['204'] = { description: 'Nothing to answer' };
  return answers;
}

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, op] of Object.entries(OPERATIONS) as [string, Operation][]) {
    const params = parameters(op);
    (paths[op.path] ??= {})[op.method] = {
      operationId: name,
      summary: op.summary,
      description: `Who: ${op.who.join(', ')}.`,
      ...(params.length ? { parameters: params } : {}),
      ...(op.body ? { requestBody: { required: true, content: op.form ? { 'application/x-www-form-urlencoded': { schema: jsonSchema(op.body) } } : json(op.body) } } : {}),
      responses: {
        ...success(op),
        ...Object.fromEntries(Object.entries(op.errors ?? {}).map(([status, description]) => [status, { description, content: json(ErrorBody) }])),
        default: { description: 'An error', content: json(ErrorBody) },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Foleni centre API', version: VERSION },
    servers: [{ url: '/api/v1' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'foleni_session' } } },
    paths,
  };
}
