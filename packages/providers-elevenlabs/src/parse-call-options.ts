import { describeZodError, ProviderError, type WarningV1 } from '@looply/core';
import { ELEVENLABS_PROVIDER_ID } from './elevenlabs-error.js';
import { elevenLabsCallOptionsSchema, type ElevenLabsCallOptions } from './elevenlabs-options.js';

/** `providerOptions.elevenlabs`: unknown keys are warned about and ignored; known keys with bad values are fatal. */
export function parseCallOptions(
  value: Record<string, unknown> | undefined,
  warnings: WarningV1[],
): ElevenLabsCallOptions {
  if (!value) return {};
  const known = new Set(Object.keys(elevenLabsCallOptionsSchema.shape));
  const supported: Record<string, unknown> = {};
  for (const [key, option] of Object.entries(value)) {
    if (known.has(key)) supported[key] = option;
    else
      warnings.push({
        type: 'unsupported-setting',
        setting: `providerOptions.elevenlabs.${key}`,
        details: `supported: ${[...known].join(', ')}`,
      });
  }
  const parsed = elevenLabsCallOptionsSchema.safeParse(supported);
  if (!parsed.success) {
    throw new ProviderError({
      provider: ELEVENLABS_PROVIDER_ID,
      message: describeZodError(parsed.error, 'providerOptions.elevenlabs'),
      retryable: false,
      code: 'invalid-options',
    });
  }
  return parsed.data;
}
