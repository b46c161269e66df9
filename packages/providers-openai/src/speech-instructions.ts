import type { Brief, WarningV1 } from '@looply/core';

/** tts-1 and tts-1-hd take no `instructions`. */
function acceptsInstructions(model: string): boolean {
  return !/^tts-1(-hd)?(-|$)/.test(model);
}

function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

function defaultInstructions(brief: Brief): string {
  return `Narrate a short video in ${languageName(brief.language)} with a ${brief.tone} tone: clear, warm and at a steady pace.`;
}

/**
 * The `instructions` a speech request carries: the given ones, else a default from the brief's
 * language and tone; none for a model that takes none (with a warning when some were given).
 */
export function speechInstructions(
  model: string,
  given: string | undefined,
  brief: Brief,
  warnings: WarningV1[],
): string | undefined {
  if (!acceptsInstructions(model)) {
    if (given !== undefined)
      warnings.push({
        type: 'unsupported-setting',
        setting: 'instructions',
        details: `${model} does not take instructions`,
      });
    return undefined;
  }
  return given ?? defaultInstructions(brief);
}
