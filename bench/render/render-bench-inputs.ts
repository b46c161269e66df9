import {
  buildTimeline,
  getStyle,
  outputFormatFor,
  type Brief,
  type LocalArtifactStore,
  type Narration,
  type SceneVisual,
  type Script,
  type Timeline,
} from '../../packages/core/src/index.js';
import { createLocal } from '../../packages/providers-local/src/index.js';
import {
  drawStill,
  synthesiseSpeech,
  timedWords,
} from '../../packages/providers-local/src/assembly/__fixtures__/render-inputs.js';

/** The timeline the bench renders, and which providers made its inputs. */
export interface BenchInputs {
  timeline: Timeline;
  /** Which providers made the inputs. */
  source: 'local providers' | 'synthetic';
}

/** The real offline pipeline: template script, espeak-ng voice, canvas stills. */
export async function localProviderInputs(artifacts: LocalArtifactStore, brief: Brief): Promise<BenchInputs> {
  const common = { abortSignal: new AbortController().signal, artifacts };
  const style = getStyle(brief.style);
  const local = createLocal();
  const { script } = await local.script().doGenerate({
    ...common,
    idempotencyKey: 'bench/script',
    artifactPrefix: 'bench/script',
    brief,
    style,
  });
  const { narration } = await local.voice().doSynthesize({
    ...common,
    idempotencyKey: 'bench/voice',
    artifactPrefix: 'bench/voice',
    script,
    brief,
  });
  const visualProvider = local.visual();
  const visuals: SceneVisual[] = [];
  for (const [index, scene] of script.scenes.entries()) {
    const timing = narration.scenes[index];
    const { visual } = await visualProvider.doGenerate({
      ...common,
      idempotencyKey: `bench/visual/${index}`,
      artifactPrefix: `bench/visual/scene-${index}`,
      scene: {
        index,
        count: script.scenes.length,
        narration: scene.narration,
        prompt: scene.visual,
        durationSec: timing.endSec - timing.startSec,
      },
      style,
      output: outputFormatFor(brief.aspectRatio),
      title: script.title,
    });
    visuals.push(visual);
  }
  return { timeline: buildTimeline({ brief, script, narration, visuals }), source: 'local providers' };
}

/** Synthetic inputs, saying why, when the local providers fail (say espeak-ng is missing). */
export async function fallback(
  error: unknown,
  artifacts: LocalArtifactStore,
  brief: Brief,
  durationSec: number,
): Promise<BenchInputs> {
  console.error(
    `local providers unavailable (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); using synthetic inputs`,
  );
  return syntheticInputs(artifacts, brief, durationSec);
}

/** Canvas stills and speech-like audio of about `durationSec`, when the local providers cannot run. */
export async function syntheticInputs(
  artifacts: LocalArtifactStore,
  brief: Brief,
  durationSec: number,
): Promise<BenchInputs> {
  const sentence = 'Solar panels quietly turn sunlight into electricity for homes and schools across the country';
  const sceneCount = 6;
  // About 3.1 words per second with the fixture's pacing.
  const wordsPerScene = Math.max(3, Math.round((durationSec * 3.1) / sceneCount));
  const texts = Array.from(
    { length: sceneCount },
    (_, scene) =>
      Array.from({ length: wordsPerScene }, (__, word) => sentence.split(' ')[(word + scene * 3) % 14]).join(' ') + '.',
  );
  const { words, scenes, durationSec: spoken } = timedWords(texts);
  const audio = await artifacts.put('bench/voice/narration.wav', synthesiseSpeech(words, spoken), {
    contentType: 'audio/wav',
  });
  const narration: Narration = { audio, durationSec: spoken, scenes, words, wordTimingsExact: true };
  const output = outputFormatFor(brief.aspectRatio);
  const script: Script = {
    title: 'Solar',
    language: 'en',
    scenes: texts.map((narrationText) => ({
      narration: narrationText,
      durationHintSec: 5,
      visual: { positive: 'solar', negative: '' },
    })),
  };
  const visuals: SceneVisual[] = [];
  for (let sceneIndex = 0; sceneIndex < sceneCount; sceneIndex += 1) {
    const artifact = await artifacts.put(
      `bench/visual/scene-${sceneIndex}.png`,
      drawStill(output.width, output.height, sceneIndex),
      { contentType: 'image/png' },
    );
    visuals.push({ sceneIndex, kind: 'image', artifact, width: output.width, height: output.height });
  }
  return { timeline: buildTimeline({ brief, script, narration, visuals }), source: 'synthetic' };
}
