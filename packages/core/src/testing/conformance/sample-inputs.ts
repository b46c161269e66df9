import { briefSchema, outputFormatFor, type Brief } from '../../domain/brief.js';
import type { Script } from '../../domain/script.js';
import type { VisualSceneV1 } from '../../spec/visual/v1/visual-provider-v1.js';
import { STYLE_CATALOGUE } from '../../styles/style-catalogue.js';

/** The default brief of the conformance suites: short (10 s), so real local providers stay quick. */
export const sampleBrief: Brief = briefSchema.parse({
  topic: 'How solar panels turn sunlight into electricity',
  tone: 'enthusiastic',
  durationSec: 10,
  language: 'en',
  aspectRatio: '9:16',
  style: 'modern',
});

const modern = STYLE_CATALOGUE.modern;

/** A script matching `sampleBrief`: three scenes whose hints add up to its 10 seconds. */
export const sampleScript: Script = {
  title: 'Sunlight to electricity',
  language: 'en',
  scenes: [
    {
      narration: 'Every solar panel is a sandwich of silicon that loves sunlight.',
      durationHintSec: 3.5,
      visual: {
        positive: `close-up of a solar panel on a rooftop catching the morning sun, ${modern.cameraMoves[0]}, ${modern.lighting[0]}, ${modern.promptSuffix}`,
        negative: modern.negativePrompt,
      },
    },
    {
      narration: 'Light knocks electrons loose, and they start to flow.',
      durationHintSec: 3,
      visual: {
        positive: `glowing particles streaming through a silicon crystal lattice, ${modern.cameraMoves[1]}, ${modern.lighting[1]}, ${modern.promptSuffix}`,
        negative: modern.negativePrompt,
      },
    },
    {
      narration: 'That flow is the electricity that powers your home.',
      durationHintSec: 3.5,
      visual: {
        positive: `a bright modern house at dusk with warm lights on, solar panels on the roof, ${modern.cameraMoves[2]}, ${modern.lighting[2]}, ${modern.promptSuffix}`,
        negative: modern.negativePrompt,
      },
    },
  ],
};

/** The visual call's scene for one scene of a script (default: the first scene of `sampleScript`). */
export function sampleVisualScene(script: Script = sampleScript, index = 0): VisualSceneV1 {
  const scene = script.scenes[index];
  if (!scene) throw new Error(`sampleVisualScene: the script has no scene ${index} (it has ${script.scenes.length})`);
  return {
    index,
    count: script.scenes.length,
    narration: scene.narration,
    prompt: scene.visual,
    durationSec: scene.durationHintSec,
  };
}

/** The output format of `sampleBrief` (1080x1920 at 30 fps). */
export const sampleOutput = outputFormatFor(sampleBrief.aspectRatio);
