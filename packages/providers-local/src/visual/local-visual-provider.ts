import {
  AbortedError,
  LooplyError,
  ProviderError,
  parseWith,
  throwIfAborted,
  type ShortVisualProviderV1,
  type VisualCallOptionsV1,
  type VisualResultV1,
  type WarningV1,
} from '@looply/core';
import { missingCharacters } from '../fonts/font-coverage.js';
import {
  localVisualSettingsSchema,
  type LocalVisualSettings,
  type ResolvedLocalVisualSettings,
} from './local-visual-settings.js';
import { renderStill, type StillFormat } from './render-still.js';
import { composeScene } from './scene-composition.js';
import { visualCallOptionsSchema } from './visual-call-options-schema.js';

const PROVIDER_ID = 'local';

/**
 * The offline visual provider: one still per scene drawn with `@napi-rs/canvas` in the style's
 * palette and title font, its composition derived from the scene prompt. Deterministic: the same
 * options give the same bytes. Costs nothing and needs no network.
 */
export function createLocalVisualProvider(settings: LocalVisualSettings = {}): ShortVisualProviderV1 {
  const resolved = parseWith(localVisualSettingsSchema, settings, 'createLocalVisualProvider settings');
  return {
    specificationVersion: 'v1',
    kind: 'visual',
    mode: 'short',
    provider: PROVIDER_ID,
    doGenerate: (options) => generate(resolved, options),
  };
}

async function generate(
  settings: ResolvedLocalVisualSettings,
  callOptions: VisualCallOptionsV1,
): Promise<VisualResultV1> {
  const options = parseWith(visualCallOptionsSchema, callOptions, `${PROVIDER_ID} visual provider call options`);
  throwIfAborted(options.abortSignal);
  const warnings: WarningV1[] = [];
  const { format, extension, contentType } = resolveFormat(settings, options.providerOptions?.[PROVIDER_ID], warnings);
  const { width, height } = options.output;

  let image: Buffer;
  try {
    const composition = composeScene({
      width,
      height,
      sceneIndex: options.scene.index,
      prompt: options.scene.prompt.positive,
      title: options.title,
      style: callOptions.style,
    });
    const missing = missingCharacters(callOptions.style.titleFont, composition.heading);
    if (missing.length > 0) {
      warnings.push({
        type: 'other',
        message: `The heading "${composition.heading}" uses characters ${missing.join(' ')} that ${callOptions.style.titleFont.family} lacks; a fallback font drew them.`,
      });
    }
    image = await renderStill({
      composition,
      titleFont: callOptions.style.titleFont,
      format,
      checkpoint: () => throwIfAborted(options.abortSignal),
    });
  } catch (error) {
    if (error instanceof AbortedError || error instanceof LooplyError) throw error;
    throw new ProviderError({
      provider: PROVIDER_ID,
      message: `Rendering the still of scene ${options.scene.index} failed: ${error instanceof Error ? error.message : String(error)}`,
      retryable: false,
      cause: error,
    });
  }

  throwIfAborted(options.abortSignal);
  const artifact = await options.artifacts.put(`${options.artifactPrefix}/still.${extension}`, image, { contentType });
  return {
    visual: { sceneIndex: options.scene.index, kind: 'image', artifact, width, height },
    usage: { images: 1, costUsd: 0 },
    warnings,
  };
}

function resolveFormat(
  settings: ResolvedLocalVisualSettings,
  overrides: Record<string, unknown> | undefined,
  warnings: WarningV1[],
): { format: StillFormat; extension: string; contentType: string } {
  let { format, jpegQuality } = settings;
  // Per-call overrides use the settings' names; anything else is reported, not thrown.
  for (const [key, value] of Object.entries(overrides ?? {})) {
    const parsed =
      localVisualSettingsSchema.shape[key as keyof typeof localVisualSettingsSchema.shape]?.safeParse(value);
    if (parsed?.success && key === 'format') format = parsed.data as typeof format;
    else if (parsed?.success && key === 'jpegQuality') jpegQuality = parsed.data as number;
    else
      warnings.push({
        type: 'unsupported-setting',
        setting: `providerOptions.${PROVIDER_ID}.${key}`,
        details: parsed ? 'invalid value, ignored' : 'unknown option, ignored',
      });
  }
  return format === 'png'
    ? { format: { type: 'png' }, extension: 'png', contentType: 'image/png' }
    : { format: { type: 'jpeg', quality: jpegQuality }, extension: 'jpg', contentType: 'image/jpeg' };
}
