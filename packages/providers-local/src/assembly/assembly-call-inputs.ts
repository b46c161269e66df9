import {
  LooplyError,
  ProviderError,
  describeZodError,
  parseWith,
  timelineSchema,
  type AssemblyCallOptionsV1,
  type Timeline,
  type WarningV1,
} from '@looply/core';
import {
  DEFAULT_X264_CRF,
  DEFAULT_X264_PRESET,
  localAssemblyCallOptionsSchema,
  type LocalAssemblySettings,
} from './local-assembly-settings.js';

const PROVIDER = 'local';

/** The call's timeline, parsed; a non-retryable error naming the field when it is invalid or has odd sides. */
export function validTimeline(value: unknown): Timeline {
  const parsed = timelineSchema.safeParse(value);
  if (!parsed.success)
    throw new ProviderError({
      provider: PROVIDER,
      retryable: false,
      message: describeZodError(parsed.error, 'local assembly: invalid timeline'),
    });
  const { width, height } = parsed.data.output;
  if (width % 2 !== 0 || height % 2 !== 0) {
    throw new ProviderError({
      provider: PROVIDER,
      retryable: false,
      message: `local assembly: invalid timeline: output ${width}x${height} must have even sides for H.264 yuv420p`,
    });
  }
  return parsed.data;
}

/** The x264 preset and CRF of one call: `providerOptions.local`, then the settings, then the defaults. */
export function callEncoding(
  options: AssemblyCallOptionsV1,
  settings: Pick<LocalAssemblySettings, 'preset' | 'crf'>,
  warnings: WarningV1[],
): { preset: string; crf: number } {
  const { local, ...others } = options.providerOptions ?? {};
  for (const provider of Object.keys(others))
    warnings.push({
      type: 'unsupported-setting',
      setting: `providerOptions.${provider}`,
      details: 'the local assembler reads only providerOptions.local',
    });
  let call: { preset?: string; crf?: number } = {};
  if (local) {
    try {
      call = parseWith(localAssemblyCallOptionsSchema, local, 'providerOptions.local');
    } catch (error) {
      if (error instanceof LooplyError)
        throw new ProviderError({ provider: PROVIDER, retryable: false, message: error.message });
      throw error;
    }
  }
  return {
    preset: call.preset ?? settings.preset ?? DEFAULT_X264_PRESET,
    crf: call.crf ?? settings.crf ?? DEFAULT_X264_CRF,
  };
}
