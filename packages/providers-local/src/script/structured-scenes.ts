import type { SceneRole } from '@looply/core';
import type { FittedSentence } from './narration-fitter.js';

export interface StructuredScene {
  role: SceneRole;
  /** Indexes into the fitted sentences, in order. */
  sentences: number[];
}

/**
 * One scene per part of a template's structure: the hook scene (hook and context), one scene
 * per point (the point, its details and the bridge after it), and the call-to-action scene
 * (takeaway and call to action). Without a call to action the takeaway closes the last point.
 */
export function groupByStructure(sentences: FittedSentence[], hasCallToAction: boolean): StructuredScene[] {
  const hook: StructuredScene = { role: 'hook', sentences: [] };
  const points: StructuredScene[] = [];
  const pointOfTheme = new Map<string, StructuredScene>();
  const closing: StructuredScene = { role: 'call-to-action', sentences: [] };
  for (const [index, sentence] of sentences.entries()) {
    if (sentence.section === 'hook' || sentence.section === 'context') {
      hook.sentences.push(index);
    } else if (sentence.section === 'point') {
      const scene: StructuredScene = { role: 'point', sentences: [index] };
      points.push(scene);
      pointOfTheme.set(sentence.theme, scene);
    } else if (sentence.section === 'detail' || sentence.section === 'bridge') {
      (pointOfTheme.get(sentence.theme) ?? points.at(-1) ?? hook).sentences.push(index);
    } else {
      closing.sentences.push(index);
    }
  }
  if (!hasCallToAction) {
    points.at(-1)?.sentences.push(...closing.sentences);
    return [hook, ...points];
  }
  return [hook, ...points, closing];
}
