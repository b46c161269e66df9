import type { VisualPrompt, VisualStyle } from '@looply/core';

/** Makes sure a prompt carries the style's suffix and negative prompt, even if the model dropped them. */
export function applyStyle(prompt: VisualPrompt, style: VisualStyle): VisualPrompt {
  const positive = prompt.positive.includes(style.promptSuffix)
    ? prompt.positive
    : `${prompt.positive.replace(/[\s,.;]+$/, '')}, ${style.promptSuffix}`;
  const negative = prompt.negative.includes(style.negativePrompt)
    ? prompt.negative
    : [style.negativePrompt, prompt.negative.trim()].filter(Boolean).join(', ');
  return { positive, negative };
}
