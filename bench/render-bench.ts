/**
 * `pnpm bench render`: renders a 30 s offline-style video with the local assembler and, in the
 * same run, times ONE plain ffmpeg command encoding the same stills and narration (no motion, no
 * captions, no loudness work, same codec/preset/size/fps) as the limit to compare against.
 *
 * Goals: ≥ 1.0× real time (video seconds per wall second) and ≤ 1.5× the plain command's time.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ASPECT_RATIOS, briefSchema, LocalArtifactStore, type AspectRatio } from '../packages/core/src/index.js';
import { createLocal } from '../packages/providers-local/src/index.js';
import {
  DEFAULT_X264_CRF,
  DEFAULT_X264_PRESET,
  X264_PRESETS,
  type X264Preset,
} from '../packages/providers-local/src/assembly/local-assembly-settings.js';
import { referenceEncode } from './render/reference-encode.js';
import { fallback, localProviderInputs, syntheticInputs, type BenchInputs } from './render/render-bench-inputs.js';

const USAGE = `pnpm bench render [--duration 30] [--aspect 9:16] [--preset ${DEFAULT_X264_PRESET}] [--crf ${DEFAULT_X264_CRF}] [--runs 1] [--inputs local|synthetic] [--json]`;
const GOAL_REAL_TIME = 1.0;
const GOAL_RATIO = 1.5;

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

    const assembler = createLocal({ assembly: { preset, crf } }).assembly();
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
