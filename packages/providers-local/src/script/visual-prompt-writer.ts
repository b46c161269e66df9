import type { VisualPrompt, VisualStyle } from '@looply/core';
import type { SeededRandom } from './seeded-random.js';
import { VISUAL_VOCABULARY, type VisualTheme } from './templates/visual-vocabulary.js';

/**
 * Writes WAN-2.2-style prompts: subject, action, setting, lighting, camera motion, then the
 * style's suffix; the negative prompt is the style's. Lighting and camera rotate through the
 * style's vocabulary from a seeded offset, so neighbouring scenes differ.
 */
export class VisualPromptWriter {
  private readonly lightingOffset: number;
  private readonly cameraOffset: number;
  private readonly ideaOffset: number;
  private readonly themeUses = new Map<VisualTheme, number>();

  constructor(
    private readonly style: VisualStyle,
    private readonly topic: string,
    random: SeededRandom,
  ) {
    this.lightingOffset = random.integer(Math.max(1, style.lighting.length));
    this.cameraOffset = random.integer(Math.max(1, style.cameraMoves.length));
    this.ideaOffset = random.integer(2);
  }

  promptFor(theme: VisualTheme, sceneIndex: number): VisualPrompt {
    const ideas = VISUAL_VOCABULARY[theme];
    const uses = this.themeUses.get(theme) ?? 0;
    this.themeUses.set(theme, uses + 1);
    const idea = ideas[(this.ideaOffset + uses) % ideas.length];
    const parts = [
      idea.subject.replaceAll('{topic}', this.topic),
      idea.action,
      idea.setting,
      this.rotate(this.style.lighting, this.lightingOffset + sceneIndex),
      this.rotate(this.style.cameraMoves, this.cameraOffset + sceneIndex),
      this.style.promptSuffix,
    ].filter((part): part is string => Boolean(part));
    return { positive: parts.join(', '), negative: this.style.negativePrompt };
  }

  private rotate(vocabulary: string[], index: number): string | undefined {
    return vocabulary.length === 0 ? undefined : vocabulary[index % vocabulary.length];
  }
}
