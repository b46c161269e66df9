import { briefSchema, type BriefInput } from '../../domain/brief.js';
import type { Narration, WordTiming } from '../../domain/narration.js';
import type { SceneVisual } from '../../domain/scene-visual.js';
import type { Script } from '../../domain/script.js';
import type { BuildTimelineInput } from '../build-timeline.js';

export const SCENE_TEXTS = [
  'Solar panels turn sunlight into electricity, quietly and without moving parts.',
  'Prices fell by ninety percent in ten years. Solar is now the cheapest new power.',
  'Batteries keep the lights on after sunset.',
  'Look up: your roof could be a power plant!',
];

/** A narration voiced scene after scene, with a pause between scenes (so scene n+1 starts after scene n ends). */
function narrate(texts: string[]): Narration {
  const words: WordTiming[] = [];
  const scenes: Narration['scenes'] = [];
  let cursor = 0.15;
  texts.forEach((text, sceneIndex) => {
    const startSec = cursor;
    for (const word of text.split(' ')) {
      words.push({ text: word, startSec: round(cursor), endSec: round(cursor + 0.28), sceneIndex });
      cursor += 0.33;
    }
    scenes.push({ startSec: round(startSec), endSec: round(cursor - 0.05) });
    cursor += 0.45;
  });
  return {
    audio: { key: 'jobs/1/voice/narration.wav', contentType: 'audio/wav' },
    durationSec: round(cursor),
    scenes,
    words,
    wordTimingsExact: true,
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** buildTimeline's input for SCENE_TEXTS (or `texts`): stills, one video clip for scene 2, visuals out of order. */
export function fixture(overrides: { brief?: BriefInput; texts?: string[] } = {}): BuildTimelineInput {
  const texts = overrides.texts ?? SCENE_TEXTS;
  const script: Script = {
    title: 'Why solar wins',
    language: 'en',
    scenes: texts.map((narration) => ({
      narration,
      durationHintSec: 4,
      visual: { positive: 'rooftop solar panels at golden hour', negative: '' },
    })),
  };
  const visuals: SceneVisual[] = texts.map((_, sceneIndex) =>
    sceneIndex === 2
      ? {
          sceneIndex,
          kind: 'video',
          artifact: { key: `jobs/1/visual/scene-${sceneIndex}/clip.mp4`, contentType: 'video/mp4' },
          width: 720,
          height: 1280,
          durationSec: 2.5,
        }
      : {
          sceneIndex,
          kind: 'image',
          artifact: { key: `jobs/1/visual/scene-${sceneIndex}/still.png`, contentType: 'image/png' },
          width: 1080,
          height: 1920,
        },
  );
  return {
    brief: briefSchema.parse(
      overrides.brief ?? { topic: 'solar power', music: { source: 'music/upbeat.mp3', volume: 0.25 } },
    ),
    script,
    narration: narrate(texts),
    visuals: [...visuals].reverse(),
  };
}
