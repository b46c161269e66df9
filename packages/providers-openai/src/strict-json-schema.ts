import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

/** Keywords strict structured outputs reject or do not document (string lengths, object sizes, defaults). */
const UNSUPPORTED_KEYWORDS = [
  '$schema',
  'minLength',
  'maxLength',
  'minProperties',
  'maxProperties',
  'default',
  'patternProperties',
  'propertyNames',
];

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strictify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictify);
  if (!isObject(node)) return node;
  const result: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (UNSUPPORTED_KEYWORDS.includes(key)) continue;
    if (key === 'properties' && isObject(value)) {
      result.properties = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, strictify(child)]));
    } else if (
      key === 'items' ||
      key === 'anyOf' ||
      key === 'prefixItems' ||
      key === '$defs' ||
      key === 'definitions'
    ) {
      result[key] =
        isObject(value) && (key === '$defs' || key === 'definitions')
          ? Object.fromEntries(Object.entries(value).map(([name, child]) => [name, strictify(child)]))
          : strictify(value);
    } else {
      result[key] = value;
    }
  }
  if (isObject(result.properties)) {
    const properties = result.properties;
    const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
    // Strict mode wants every property listed in `required`; an optional one becomes "value or null".
    for (const name of Object.keys(properties)) {
      if (!required.has(name)) properties[name] = { anyOf: [properties[name], { type: 'null' }] };
    }
    result.required = Object.keys(properties);
    result.additionalProperties = false;
  }
  return result;
}

/**
 * The JSON Schema of a zod schema (zod 4's `z.toJSONSchema`) made acceptable to OpenAI's strict
 * structured outputs: every object closed (`additionalProperties: false`) with every property
 * required, and keywords strict mode does not accept removed. Removed constraints are still
 * enforced afterwards by validating the answer with the zod schema itself.
 */
export function toStrictJsonSchema(schema: z.ZodType): JsonSchema {
  const converted = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'throw' });
  const strict = strictify(converted);
  if (!isObject(strict) || strict.type !== 'object') {
    throw new Error('toStrictJsonSchema: the root of a structured-output schema must be an object');
  }
  return strict;
}
