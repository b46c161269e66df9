import type { SceneTiming, WordTiming } from '../domain/narration.js';
import type { Script } from '../domain/script.js';

/**
 * Word timings spread over each scene's voiced span in proportion to word length, for a
 * narration that came without any. Good enough for captions; providers should send their own.
 */
export function estimateSceneWords(script: Script, scenes: readonly SceneTiming[]): WordTiming[] {
  const words: WordTiming[] = [];
  script.scenes.forEach((scene, sceneIndex) => {
    const timing = scenes[sceneIndex];
    const texts = scene.narration.split(/\s+/u).filter(Boolean);
    const weights = texts.map((text) => [...text].length + 1);
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    const span = Math.max(0, timing.endSec - timing.startSec);
    let cursor = timing.startSec;
    texts.forEach((text, index) => {
      const length = (span * weights[index]) / total;
      words.push({ text, startSec: cursor, endSec: cursor + length * 0.92, sceneIndex });
      cursor += length;
    });
  });
  return words;
}
