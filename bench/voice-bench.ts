/**
 * `pnpm bench voice [--skip-video] [--json]`: how well people can understand each offline English
 * voice and how well captions follow it.
 *
 * 1. Word error rate of each offline voice on a held-out narration (text no voice, test or
 *    template was tuned on), measured by an independent recogniser: pocketsphinx free
 *    recognition with its general US English model. Goal ≤ 20 % for the default English voice.
 *    Also each voice's real-time factor (synthesis seconds per second of speech).
 * 2. The README's quick-start command, timed, and the caption-vs-speech check on its video
 *    (forced alignment): goal ≥ 95 % of word starts within 100 ms, every caption onset within
 *    150 ms. The same command with the eSpeak NG voice (`--voice en-us`, the English voice before
 *    Flite) is timed too: the Flite one must stay under 2× its time.
 *
 * Needs Debian's pocketsphinx and pocketsphinx-en-us; Festival's HTS voice is measured when
 * `festival` and `festvox-us-slt-hts` are installed.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { briefSchema, LocalArtifactStore } from '../packages/core/src/index.js';
import { createLocal, measureVideo, readTimelineFile } from '../packages/providers-local/src/index.js';
import { resolveFfmpegPath } from '../packages/providers-local/src/assembly/ffmpeg-binaries.js';
import { findPocketsphinx } from '../packages/providers-local/src/quality/speech-alignment/find-pocketsphinx.js';
import { recognizeSpeech } from '../packages/providers-local/src/quality/speech-alignment/pocketsphinx-alignment.js';
import { findFestival } from '../packages/providers-local/src/voice/festival/festival-engine.js';
import { wordErrorRate } from './word-error-rate.js';

const HELD_OUT =
  'The first bicycles had no pedals at all. Riders pushed themselves along with their feet, like children on a scooter. ' +
  'Later, a French blacksmith fixed cranks to the front wheel, and the machine became faster but much harder to balance. ' +
  'Today, millions of people ride to work every morning, because it is cheap, quiet and good for their health.';
const QUICK_START = ['generate', '--topic', 'Why solar power is booming', '--tone', 'enthusiastic', '--duration', '20'];

interface VoiceFigure {
  voice: string;
  engine: string;
  wordErrorRate: number;
  realTimeFactor: number;
  heard: string;
}

function run(command: string, args: string[], cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

async function to16kMono(input: string, output: string): Promise<void> {
  const result = await run(resolveFfmpegPath(), [
    '-nostdin',
    '-v',
    'error',
    '-y',
    '-i',
    input,
    '-ac',
    '1',
    '-ar',
    '16000',
    '-c:a',
    'pcm_s16le',
    output,
  ]);
  if (result.code !== 0) throw new Error(`ffmpeg: ${result.stderr}`);
}

async function durationOf(wav: string): Promise<number> {
  const bytes = await readFile(wav);
  // 16 kHz mono 16-bit after to16kMono, 44-byte header.
  return (bytes.length - 44) / 32_000;
}

async function measureVoices(folder: string): Promise<VoiceFigure[]> {
  const pocketsphinx = findPocketsphinx();
  if (!pocketsphinx) throw new Error('pocketsphinx is not installed (apt-get install pocketsphinx pocketsphinx-en-us)');
  const store = new LocalArtifactStore(join(folder, 'artifacts'));
  const figures: VoiceFigure[] = [];
  const score = async (voice: string, engine: string, wav: string, synthesisSec: number) => {
    const speech = join(folder, `${voice}-16k.wav`);
    await to16kMono(wav, speech);
    const heard = await recognizeSpeech(pocketsphinx, speech);
    figures.push({
      voice,
      engine,
      wordErrorRate: wordErrorRate(HELD_OUT, heard.join(' ')),
      realTimeFactor: synthesisSec / (await durationOf(speech)),
      heard: heard.join(' '),
    });
  };
  const voices = [
    'flite-slt',
    'flite-rms',
    'flite-awb',
    'flite-kal16',
    'flite-kal',
    'en-us',
    ...(findFestival() ? ['festival-slt-hts'] : []),
  ];
  for (const voice of voices) {
    const provider = createLocal({ voice: { voice, fitToDuration: false } }).voice();
    const started = performance.now();
    const { narration } = await provider.doSynthesize({
      script: {
        title: 'Bicycles',
        language: 'en',
        scenes: [{ narration: HELD_OUT, durationHintSec: 20, visual: { positive: 'a bicycle', negative: '' } }],
      },
      brief: briefSchema.parse({ topic: 'Bicycles', durationSec: 20 }),
      abortSignal: new AbortController().signal,
      idempotencyKey: voice,
      artifacts: store,
      artifactPrefix: voice,
    });
    const synthesisSec = (performance.now() - started) / 1000;
    const wav = join(folder, `${voice}.wav`);
    await writeFile(wav, await store.get(narration.audio.key));
    await score(
      voice,
      voice.startsWith('flite-')
        ? 'flite (WebAssembly)'
        : voice.startsWith('festival-')
          ? 'festival (Debian)'
          : 'espeak-ng',
      wav,
      synthesisSec,
    );
  }
  return figures;
}

async function timedQuickStart(folder: string, extra: string[], name: string) {
  const out = join(folder, `${name}.mp4`);
  const started = performance.now();
  const result = await run('pnpm', ['--silent', 'looply', ...QUICK_START, ...extra, '--out', out], process.cwd());
  const seconds = (performance.now() - started) / 1000;
  if (result.code !== 0) throw new Error(`quick start (${name}) failed: ${result.stderr.slice(-2000)}`);
  return { out, seconds };
}

export async function runVoiceBench(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, 'skip-video': { type: 'boolean' } } });
  const folder = await mkdtemp(join(tmpdir(), 'looply-voice-bench-'));
  try {
    const voices = await measureVoices(folder);
    let video: Record<string, unknown> | undefined;
    if (!values['skip-video']) {
      const espeak = await timedQuickStart(folder, ['--voice', 'en-us'], 'espeak');
      const flite = await timedQuickStart(folder, [], 'flite');
      const check = async (file: string) => {
        const report = await measureVideo(file, { timeline: await readTimelineFile(`${file}.timeline.json`) });
        return report.standards.find((standard) => standard.id === 'captions.speech');
      };
      video = {
        fliteSec: flite.seconds,
        espeakSec: espeak.seconds,
        ratio: flite.seconds / espeak.seconds,
        flite: await check(flite.out),
        espeak: await check(espeak.out),
      };
    }
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ voices, video })}\n`);
      return;
    }
    process.stdout.write(
      `Word error rate on a held-out narration (${HELD_OUT.split(/\s+/).length} words), pocketsphinx free recognition:\n`,
    );
    for (const figure of voices) {
      process.stdout.write(
        `  ${figure.voice.padEnd(18)} ${figure.engine.padEnd(20)} WER ${(figure.wordErrorRate * 100).toFixed(1).padStart(5)} %   real-time factor ${figure.realTimeFactor.toFixed(3)}\n`,
      );
    }
    if (video) {
      const line = (name: string, standard: unknown) => {
        const result = standard as { passed: boolean | null; measured: string } | undefined;
        return `  ${name.padEnd(18)} ${result ? `${result.passed === null ? 'not measured' : result.passed ? 'pass' : 'FAIL'}: ${result.measured}` : 'no figure'}\n`;
      };
      process.stdout.write(`\nQuick start (${QUICK_START.join(' ')}):\n`);
      process.stdout.write(
        `  Flite (default)    ${(video.fliteSec as number).toFixed(1)} s\n  eSpeak NG (--voice en-us) ${(video.espeakSec as number).toFixed(1)} s   ratio ${(video.ratio as number).toFixed(2)}× (goal < 2×)\n`,
      );
      process.stdout.write(
        `Captions vs speech (goal ≥ 95 % of word starts within 100 ms, every onset within 150 ms):\n`,
      );
      process.stdout.write(line('Flite (default)', video.flite) + line('eSpeak NG', video.espeak));
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
