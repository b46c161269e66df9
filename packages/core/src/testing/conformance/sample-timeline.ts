import type { ArtifactStore } from '../../artifacts/artifact-store.js';
import { outputFormatFor, type Brief } from '../../domain/brief.js';
import type { Narration } from '../../domain/narration.js';
import type { SceneVisual } from '../../domain/scene-visual.js';
import type { Script } from '../../domain/script.js';
import { STYLE_CATALOGUE } from '../../styles/style-catalogue.js';
import type { Timeline, TimelineCaption } from '../../timeline/timeline.js';
import { createMockVisualProvider } from '../mock-visual-provider.js';
import { createMockVoiceProvider } from '../mock-voice-provider.js';
import { sampleBrief, sampleScript, sampleVisualScene } from './sample-inputs.js';

const WORDS_PER_CAPTION = 4;

function captionsFrom(narration: Narration): TimelineCaption[] {
  const captions: TimelineCaption[] = [];
  narration.scenes.forEach((_, sceneIndex) => {
    const words = narration.words.filter((word) => word.sceneIndex === sceneIndex);
    for (let first = 0; first < words.length; first += WORDS_PER_CAPTION) {
      const group = words
        .slice(first, first + WORDS_PER_CAPTION)
        .map(({ text, startSec, endSec }) => ({ text, startSec, endSec }));
      captions.push({
        startSec: group[0].startSec,
        endSec: group[group.length - 1].endSec,
        lines: [group.map((word) => word.text).join(' ')],
        words: group,
        sceneIndex,
      });
    }
  });
  return captions;
}

/**
 * A Timeline over real inputs: scenes abut and follow the narration's boundaries, stills get a
 * gentle Ken Burns push, captions group four words. For the assembly suite's default input.
 */
export function timelineFrom(brief: Brief, script: Script, narration: Narration, visuals: SceneVisual[]): Timeline {
  const output = outputFormatFor(brief.aspectRatio);
  const style = STYLE_CATALOGUE[brief.style];
  return {
    version: 1,
    title: script.title,
    language: script.language,
    style: brief.style,
    output,
    durationSec: narration.durationSec,
    visuals: visuals.map((visual, index) => {
      const startSec = index === 0 ? 0 : narration.scenes[index].startSec;
      const endSec = index === visuals.length - 1 ? narration.durationSec : narration.scenes[index + 1].startSec;
      return {
        sceneIndex: visual.sceneIndex,
        kind: visual.kind,
        artifact: visual.artifact,
        startSec,
        lengthSec: endSec - startSec,
        ...(visual.durationSec !== undefined ? { sourceDurationSec: visual.durationSec } : {}),
        motion:
          visual.kind === 'image'
            ? {
                type: 'ken-burns',
                from: { scale: 1, centerX: 0.5, centerY: 0.5 },
                to: { scale: 1.08, centerX: 0.5, centerY: 0.45 },
              }
            : { type: 'none' },
      };
    }),
    narration: { artifact: narration.audio, startSec: 0, lengthSec: narration.durationSec, volume: 1 },
    captions: captionsFrom(narration),
    captionStyle: {
      font: style.captionFont,
      fontSizePx: Math.round(output.width * 0.065),
      textColor: '#ffffff',
      outlineColor: '#000000',
      outlineWidthPx: Math.max(2, Math.round(output.width * 0.004)),
      safeMarginXPx: Math.round(output.width * 0.1),
      safeMarginYPx: Math.round(output.height * 0.1),
      verticalPosition: 0.75,
    },
    loudness: { integratedLufs: -14, truePeakDb: -1 },
  };
}

/**
 * Writes a real narration WAV and one real PNG per scene (made by the mock voice and visual
 * providers) under `prefix`, and returns the Timeline that cuts them together.
 */
export async function createSampleTimeline(
  artifacts: ArtifactStore,
  prefix: string,
  brief: Brief = sampleBrief,
  script: Script = sampleScript,
): Promise<Timeline> {
  const common = { abortSignal: new AbortController().signal, artifacts };
  const { narration } = await createMockVoiceProvider({ id: 'conformance-sample' }).doSynthesize({
    ...common,
    idempotencyKey: `${prefix}/voice`,
    artifactPrefix: `${prefix}/voice`,
    script,
    brief,
  });
  const visualProvider = createMockVisualProvider({ id: 'conformance-sample' });
  const visuals: SceneVisual[] = [];
  for (let index = 0; index < script.scenes.length; index += 1) {
    const { visual } = await visualProvider.doGenerate({
      ...common,
      idempotencyKey: `${prefix}/visual/${index}`,
      artifactPrefix: `${prefix}/visual/scene-${index}`,
      scene: {
        ...sampleVisualScene(script, index),
        durationSec: narration.scenes[index].endSec - narration.scenes[index].startSec,
      },
      style: STYLE_CATALOGUE[brief.style],
      output: outputFormatFor(brief.aspectRatio),
      title: script.title,
    });
    visuals.push(visual);
  }
  return timelineFrom(brief, script, narration, visuals);
}
