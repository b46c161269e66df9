import { describeZodError, ProviderError, type WarningV1 } from '@looply/core';
import type { z } from 'zod';
import { OPENAI_PROVIDER_ID } from './openai-error.js';

export interface ParsedCallOptions<T> {
  options: T;
  warnings: WarningV1[];
}

/**
 * Reads `providerOptions.openai` of a call: known keys are validated (a bad value is a
 * non-retryable error naming the field), unknown keys become `unsupported-setting` warnings.
 */
export function parseOpenAICallOptions<S extends z.ZodObject>(
  schema: S,
  providerOptions: Record<string, Record<string, unknown>> | undefined,
  where: string,
): ParsedCallOptions<z.output<S>> {
  const raw = providerOptions?.[OPENAI_PROVIDER_ID] ?? {};
  const known = new Set(Object.keys(schema.shape));
  const warnings: WarningV1[] = Object.keys(raw)
    .filter((key) => !known.has(key))
    .map((key) => ({
      type: 'unsupported-setting',
      setting: `providerOptions.openai.${key}`,
      details: `${where} ignores it`,
    }));
  const result = schema.safeParse(Object.fromEntries(Object.entries(raw).filter(([key]) => known.has(key))));
  if (!result.success) {
    throw new ProviderError({
      provider: OPENAI_PROVIDER_ID,
      message: describeZodError(result.error, `OpenAI ${where}: providerOptions.openai`),
      retryable: false,
      code: 'invalid-options',
    });
  }
  return { options: result.data, warnings };
}
