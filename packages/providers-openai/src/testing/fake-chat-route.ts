import { chatCompletionBody, invalidRequestAnswer as invalidRequest, type FakeAnswer } from './fake-openai-answers.js';
import { readScriptRequest, writeFakeScript } from './fake-script-writer.js';

type Json = Record<string, unknown>;

/** Problems OpenAI reports for a strict schema: open objects or properties missing from `required`. */
function strictSchemaProblem(node: unknown, context: string[] = []): string | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const problem = strictSchemaProblem(item, context);
      if (problem) return problem;
    }
    return undefined;
  }
  if (typeof node !== 'object' || node === null) return undefined;
  const schema = node as Json;
  const where = `In context=(${context.map((part) => `'${part}'`).join(', ')})`;
  if (schema.type === 'object' || schema.properties) {
    if (schema.additionalProperties !== false)
      return `${where}, 'additionalProperties' is required to be supplied and to be false.`;
    const properties = Object.keys((schema.properties as Json | undefined) ?? {});
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    const missing = properties.find((name) => !required.includes(name));
    if (missing)
      return `${where}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
  }
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && typeof value === 'object' && value !== null) {
      for (const [name, child] of Object.entries(value as Json)) {
        const problem = strictSchemaProblem(child, [...context, 'properties', name]);
        if (problem) return problem;
      }
    } else if (key === 'items' || key === 'anyOf' || key === '$defs') {
      const problem = strictSchemaProblem(value, [...context, key]);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** `POST /v1/chat/completions` by default: checks the request like OpenAI, then writes a script for the brief in the prompt. */
export async function defaultChat(body: Json): Promise<FakeAnswer> {
  if (typeof body.model !== 'string') return invalidRequest('you must provide a model parameter', 'model');
  if (!Array.isArray(body.messages) || body.messages.length === 0)
    return invalidRequest("Missing required parameter: 'messages'.", 'messages');
  const format = body.response_format as Json | undefined;
  if (format?.type === 'json_schema') {
    const jsonSchema = format.json_schema as Json | undefined;
    const name = jsonSchema?.name;
    if (typeof name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(name))
      return invalidRequest(
        "Missing required parameter: 'response_format.json_schema.name'.",
        'response_format.json_schema.name',
      );
    if (jsonSchema?.strict === true) {
      const problem = strictSchemaProblem(jsonSchema.schema);
      if (problem) return invalidRequest(`Invalid schema for response_format '${name}': ${problem}`, 'response_format');
    }
  }
  const script = writeFakeScript(readScriptRequest(body.messages as Array<{ content?: unknown }>));
  const content = JSON.stringify(script);
  return {
    json: chatCompletionBody(
      { content, refusal: null },
      { model: `${body.model}-2024-07-18`, completionTokens: Math.ceil(content.length / 4) },
    ),
  };
}
