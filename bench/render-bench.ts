/**
 * `pnpm bench render`: renders a 30 s offline-style video with the local assembler and, in the
 * same run, times ONE plain ffmpeg command encoding the same stills and narration (no motion, no
 * captions, no loudness work, same codec/preset/size/fps) as the limit to compare against.
 *
 * Goals: ≥ 1.0× real time (video seconds per wall second) and ≤ 1.5× the plain command's time.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ASPECT_RATIOS,
  briefSchema,
  buildTimeline,
  getStyle,
  LocalArtifactStore,
  outputFormatFor,
  type AspectRatio,
  type Brief,
  type Narration,
  type SceneVisual,
  type Script,
  type Timeline,
} from '../packages/core/src/index.js';
import {
  createLocalAssemblyProvider,
  createLocalScriptProvider,
  createLocalVisualProvider,
  createLocalVoiceProvider,
} from '../packages/providers-local/src/index.js';
import {
  drawStill,
  synthesiseSpeech,
  timedWords,
} from '../packages/providers-local/src/assembly/__fixtures__/render-inputs.js';
import { resolveFfmpegPath } from '../packages/providers-local/src/assembly/ffmpeg-binaries.js';
import {
  DEFAULT_X264_CRF,
  DEFAULT_X264_PRESET,
  X264_PRESETS,
  type X264Preset,
} from '../packages/providers-local/src/assembly/local-assembly-settings.js';
import { runFfmpeg } from '../packages/providers-local/src/assembly/run-ffmpeg.js';
import { videoFilterGraph } from '../packages/providers-local/src/assembly/video-filter-graph.js';

const USAGE = `pnpm bench render [--duration 30] [--aspect 9:16] [--preset ${DEFAULT_X264_PRESET}] [--crf ${DEFAULT_X264_CRF}] [--runs 1] [--inputs local|synthetic] [--json]`;
const GOAL_REAL_TIME = 1.0;
const GOAL_RATIO = 1.5;

interface BenchInputs {
  timeline: Timeline;
  /** Which providers made the inputs. */
  source: 'local providers' | 'synthetic';
}

interface RenderBenchResult {
  videoSeconds: number;
  width: number;
  height: number;
  scenes: number;
  inputs: BenchInputs['source'];
  preset: X264Preset;
  crf: number;
  runs: number;
  assemblerSeconds: number;
  plainFfmpegSeconds: number;
  /** One ffmpeg command with the same Ken Burns motion but no captions, ducking or loudness passes. */
  motionReferenceSeconds: number;
  /** Video seconds rendered per wall-clock second by the assembler. */
  realTimeFactor: number;
  /** Assembler time over plain ffmpeg time. */
  ratio: number;
  /** Assembler time over the motion reference: what captions, audio passes and bookkeeping add. */
  overheadRatio: number;
  goals: { realTime: { target: number; met: boolean }; ratio: { target: number; met: boolean } };
  cores: number;
  loadAverage: number;
}

export async function runRenderBench(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      duration: { type: 'string', default: '30' },
      aspect: { type: 'string', default: '9:16' },
      preset: { type: 'string', default: DEFAULT_X264_PRESET },
      crf: { type: 'string', default: String(DEFAULT_X264_CRF) },
      runs: { type: 'string', default: '1' },
      inputs: { type: 'string', default: 'local' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const durationSec = Number(values.duration);
  const runs = Number(values.runs);
  const crf = Number(values.crf);
  if (!Number.isFinite(durationSec) || durationSec < 5 || durationSec > 180)
    throw new Error(`--duration must be 5–180 seconds, got ${values.duration}\n${USAGE}`);
  if (!Number.isInteger(runs) || runs < 1 || runs > 10)
    throw new Error(`--runs must be 1–10, got ${values.runs}\n${USAGE}`);
  if (!Number.isInteger(crf) || crf < 0 || crf > 51) throw new Error(`--crf must be 0–51, got ${values.crf}\n${USAGE}`);
  if (!(ASPECT_RATIOS as readonly string[]).includes(values.aspect))
    throw new Error(`--aspect must be one of ${ASPECT_RATIOS.join(', ')}\n${USAGE}`);
  if (!(X264_PRESETS as readonly string[]).includes(values.preset))
    throw new Error(`--preset must be one of ${X264_PRESETS.join(', ')}\n${USAGE}`);
  if (values.inputs !== 'local' && values.inputs !== 'synthetic')
    throw new Error(`--inputs must be local or synthetic\n${USAGE}`);
  const preset = values.preset as X264Preset;
  const aspectRatio = values.aspect as AspectRatio;

  const root = await mkdtemp(join(tmpdir(), 'looply-render-bench-'));
  try {
    const artifacts = new LocalArtifactStore(join(root, 'artifacts'));
    const brief = briefSchema.parse({
      topic: 'How solar power works and why it keeps getting cheaper',
      tone: 'enthusiastic',
      durationSec: Math.round(durationSec),
      aspectRatio,
      style: 'modern',
    });
    const inputs =
      values.inputs === 'local'
        ? await localProviderInputs(artifacts, brief).catch((error: unknown) =>
            fallback(error, artifacts, brief, durationSec),
          )
        : await syntheticInputs(artifacts, brief, durationSec);
    const { timeline } = inputs;
    if (!values.json)
      console.error(
        `inputs: ${inputs.source}, ${timeline.visuals.length} scenes, ${timeline.durationSec.toFixed(2)} s at ${timeline.output.width}x${timeline.output.height}; ${runs} run(s) each…`,
      );

    const assembler = createLocalAssemblyProvider({ preset, crf });
    const assemblerTimes: number[] = [];
    const plainTimes: number[] = [];
    const motionTimes: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      // Rotate the order so no side always runs on a warmer (or busier) machine.
      const order = (['plain', 'assembler', 'motion'] as const).map((_, index, all) => all[(index + run) % all.length]);
      for (const which of order) {
        const started = performance.now();
        if (which === 'plain') await referenceEncode(timeline, artifacts, root, preset, crf, false);
        else if (which === 'motion') await referenceEncode(timeline, artifacts, root, preset, crf, true);
        else
          await assembler.doGenerate({
            timeline,
            artifacts,
            artifactPrefix: `bench/run-${run}`,
            abortSignal: new AbortController().signal,
            idempotencyKey: `bench-${run}`,
          });
        ({ plain: plainTimes, motion: motionTimes, assembler: assemblerTimes })[which].push(
          (performance.now() - started) / 1000,
        );
      }
    }
    const assemblerSeconds = median(assemblerTimes);
    const plainFfmpegSeconds = median(plainTimes);
    const motionReferenceSeconds = median(motionTimes);
    const realTimeFactor = timeline.durationSec / assemblerSeconds;
    const ratio = assemblerSeconds / plainFfmpegSeconds;
    const result: RenderBenchResult = {
      videoSeconds: round(timeline.durationSec),
      width: timeline.output.width,
      height: timeline.output.height,
      scenes: timeline.visuals.length,
      inputs: inputs.source,
      preset,
      crf,
      runs,
      assemblerSeconds: round(assemblerSeconds),
      plainFfmpegSeconds: round(plainFfmpegSeconds),
      motionReferenceSeconds: round(motionReferenceSeconds),
      realTimeFactor: round(realTimeFactor),
      ratio: round(ratio),
      overheadRatio: round(assemblerSeconds / motionReferenceSeconds),
      goals: {
        realTime: { target: GOAL_REAL_TIME, met: realTimeFactor >= GOAL_REAL_TIME },
        ratio: { target: GOAL_RATIO, met: ratio <= GOAL_RATIO },
      },
      cores: availableParallelism(),
      loadAverage: round(loadavg()[0]),
    };
    if (values.json) console.log(JSON.stringify(result));
    else printTable(result);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** The real offline pipeline: template script, espeak-ng voice, canvas stills. */
async function localProviderInputs(artifacts: LocalArtifactStore, brief: Brief): Promise<BenchInputs> {
  const common = { abortSignal: new AbortController().signal, artifacts };
  const style = getStyle(brief.style);
  const { script } = await createLocalScriptProvider().doGenerate({
    ...common,
    idempotencyKey: 'bench/script',
    artifactPrefix: 'bench/script',
    brief,
    style,
  });
  const { narration } = await createLocalVoiceProvider().doSynthesize({
    ...common,
    idempotencyKey: 'bench/voice',
    artifactPrefix: 'bench/voice',
    script,
    brief,
  });
  const visualProvider = createLocalVisualProvider();
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

async function fallback(
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
async function syntheticInputs(artifacts: LocalArtifactStore, brief: Brief, durationSec: number): Promise<BenchInputs> {
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

/**
 * The references, each ONE ffmpeg command encoding the same stills and narration with the same
 * codec, preset, CRF, size and frame rate. `withMotion: false` is the limit of the goal: each still
 * decoded once and repeated for its scene, concatenated, no captions, no loudness work.
 * `withMotion: true` adds the assembler's own Ken Burns graph, to show what the rest costs.
 */
async function referenceEncode(
  timeline: Timeline,
  artifacts: LocalArtifactStore,
  root: string,
  preset: X264Preset,
  crf: number,
  withMotion: boolean,
): Promise<void> {
  const { width, height, fps } = timeline.output;
  const inputs: string[] = [];
  const chains: string[] = [];
  const clips = [];
  let cursor = 0;
  const total = Math.round(timeline.durationSec * fps);
  for (const [index, clip] of timeline.visuals.entries()) {
    const end = index === timeline.visuals.length - 1 ? total : Math.round((clip.startSec + clip.lengthSec) * fps);
    const frames = end - cursor;
    cursor = end;
    inputs.push('-i', await artifacts.localPath(clip.artifact.key));
    clips.push({ clip, inputIndex: index, frames });
    chains.push(
      `[${index}:v]scale=${width}:${height}:force_original_aspect_ratio=increase,crop=${width}:${height},setsar=1,format=yuv420p,loop=loop=${frames - 1}:size=1:start=0,settb=1/${fps},setpts=N[v${index}]`,
    );
  }
  const labels = timeline.visuals.map((_, index) => `[v${index}]`).join('');
  const graph = withMotion
    ? videoFilterGraph({ clips, output: timeline.output, outputLabel: 'video' })
    : `${chains.join(';')};${labels}concat=n=${timeline.visuals.length}:v=1:a=0[video]`;
  const output = join(root, 'reference.mp4');
  await writeFile(join(root, 'reference-graph.txt'), graph);
  await runFfmpeg({
    binary: resolveFfmpegPath(),
    provider: 'bench',
    what: 'encoding the reference',
    args: [
      '-hide_banner',
      '-nostdin',
      '-nostats',
      '-loglevel',
      'error',
      '-y',
      ...inputs,
      '-i',
      await artifacts.localPath(timeline.narration.artifact.key),
      '-filter_complex_script',
      join(root, 'reference-graph.txt'),
      '-map',
      '[video]',
      '-map',
      `${timeline.visuals.length}:a`,
      '-c:v',
      'libx264',
      '-preset',
      preset,
      '-crf',
      String(crf),
      '-profile:v',
      'high',
      '-pix_fmt',
      'yuv420p',
      '-r',
      String(fps),
      '-c:a',
      'aac',
      '-b:a',
      '192k',
      '-ar',
      '48000',
      '-ac',
      '2',
      '-t',
      String(timeline.durationSec),
      '-movflags',
      '+faststart',
      output,
    ],
  });
}

function printTable(result: RenderBenchResult): void {
  const check = (met: boolean): string => (met ? 'met' : 'MISSED');
  const rows: Array<[string, string]> = [
    [
      'video',
      `${result.videoSeconds} s, ${result.width}x${result.height}, ${result.scenes} scenes (${result.inputs} inputs)`,
    ],
    ['x264', `preset ${result.preset}, crf ${result.crf}; median of ${result.runs} run(s)`],
    ['assembler', `${result.assemblerSeconds.toFixed(2)} s`],
    ['plain ffmpeg', `${result.plainFfmpegSeconds.toFixed(2)} s  (stills without motion, captions or loudness work)`],
    [
      'motion reference',
      `${result.motionReferenceSeconds.toFixed(2)} s  (plain + the same Ken Burns motion; assembler / this = ${result.overheadRatio.toFixed(2)}×)`,
    ],
    [
      'video s / wall s',
      `${result.realTimeFactor.toFixed(2)}×  (goal ≥ ${result.goals.realTime.target.toFixed(1)}×: ${check(result.goals.realTime.met)})`,
    ],
    [
      'assembler / plain',
      `${result.ratio.toFixed(2)}×  (goal ≤ ${result.goals.ratio.target.toFixed(1)}×: ${check(result.goals.ratio.met)})`,
    ],
    ['machine', `${result.cores} cores, load average ${result.loadAverage}`],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
