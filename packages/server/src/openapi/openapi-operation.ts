import { z } from 'zod';
import type { ApiRoute } from './api-route.js';

export type JsonObject = Record<string, unknown>;

/** Component schemas from zod (`io`: a request is validated as input, a response written as output). */
export function components(schemas: Record<string, z.ZodType>, io: 'input' | 'output'): Record<string, JsonObject> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const converted = z.toJSONSchema(registry, {
    io,
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: 'any',
  }) as { schemas: Record<string, JsonObject> };
  return Object.fromEntries(
    Object.entries(converted.schemas).map(([id, schema]) => {
      const { $schema: _schema, $id: _id, ...rest } = schema;
      return [id, rest];
    }),
  );
}

function queryParameters(query: z.ZodObject): JsonObject[] {
  return Object.entries(query.shape).map(([name, schema]) => {
    const json = z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as JsonObject;
    const { $schema: _schema, ...rest } = json;
    return { name, in: 'query', required: !(schema as z.ZodType).safeParse(undefined).success, schema: rest };
  });
}

/** One route as an OpenAPI operation. */
export function operation(route: ApiRoute): JsonObject {
  const parameters = [
    ...(route.pathParameters ?? []).map((parameter) => ({
      name: parameter.name,
      in: 'path',
      required: true,
      description: parameter.description,
      schema: { type: 'string', ...(parameter.format ? { format: parameter.format } : {}) },
    })),
    ...(route.query ? queryParameters(route.query) : []),
    ...(route.headerParameters ?? []).map((parameter) => ({
      name: parameter.name,
      in: 'header',
      required: false,
      description: parameter.description,
      schema: { type: 'string' },
    })),
  ];
  const responses = Object.fromEntries(
    Object.entries(route.responses).map(([status, response]) => {
      const content = response.schema
        ? { 'application/json': { schema: { $ref: `#/components/schemas/${response.schema}` } } }
        : response.mediaType
          ? {
              [response.mediaType]: {
                schema: { type: 'string', ...(response.mediaType === 'video/mp4' ? { format: 'binary' } : {}) },
              },
            }
          : undefined;
      const headers = response.headers?.length
        ? Object.fromEntries(response.headers.map((name) => [name, { schema: { type: 'string' } }]))
        : undefined;
      return [
        status,
        { description: response.description, ...(content ? { content } : {}), ...(headers ? { headers } : {}) },
      ];
    }),
  );
  return {
    summary: route.summary,
    tags: [route.tag],
    operationId: `${route.method}${route.path
      .replace('/api/v1', '')
      .replace(/[{}]/g, '')
      .split('/')
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join('')}`,
    // `security: []` says a public operation is public on purpose (register, login, webhooks, health, artifacts).
    security: route.auth ? [{ bearerAuth: [] }] : [],
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: `#/components/schemas/${route.body}` } } },
          },
        }
      : {}),
    ...(route.rawBody
      ? { requestBody: { required: true, content: { '*/*': { schema: { type: 'string', format: 'binary' } } } } }
      : {}),
    responses,
  };
}
