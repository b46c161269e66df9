import { createCanvas } from '@napi-rs/canvas';
import {
  briefSchema,
  buildTimeline,
  type ArtifactStore,
  type AspectRatio,
  type BuildTimelineOptions,
  type BriefInput,
  type Narration,
  type SceneVisual,
  type Script,
  type Timeline,
  type WordTiming,
  encodeWav,
} from '@looply/core';

const SPEECH_SAMPLE_RATE = 24_000;
const MUSIC_SAMPLE_RATE = 48_000;

/** A still: a gradient, a few discs and a label, like the local visual provider draws. */
export function drawStill(width: number, height: number, seed: number): Buffer {
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  const gradient = context.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, ['#0f172a', '#3b2a1a', '#7c3aed', '#1c1917'][seed % 4]);
  gradient.addColorStop(1, ['#1e3a8a', '#f59e0b', '#f97316', '#84cc16'][seed % 4]);
  context.fillStyle = gradient;
  context.fillRect(0, 0, width, height);
  for (let disc = 0; disc < 14; disc += 1) {
    context.fillStyle = `hsla(${(disc * 47 + seed * 71) % 360}, 70%, ${45 + (disc % 4) * 10}%, 0.85)`;
    context.beginPath();
    context.arc(
      ((disc * 173 + seed * 97) % 100) * (width / 100),
      ((disc * 311 + seed * 53) % 100) * (height / 100),
      Math.min(width, height) * (0.04 + (disc % 5) * 0.02),
      0,
      Math.PI * 2,
    );
    context.fill();
  }
  context.fillStyle = '#ffffff';
  context.font = `bold ${Math.round(Math.min(width, height) * 0.09)}px sans-serif`;
  context.fillText(`Scene ${seed + 1}`, width * 0.1, height * 0.3);
  return canvas.toBuffer('image/png');
}

/**
 * Speech-like audio for the given word timings: a voiced buzz (fundamental 110–180 Hz with
 * harmonics) shaped into syllables, silence between words. Peaks near −6 dBFS.
 */
export function synthesiseSpeech(words: readonly WordTiming[], durationSec: number): Buffer {
  const samples = new Int16Array(Math.ceil(durationSec * SPEECH_SAMPLE_RATE));
  words.forEach((word, wordIndex) => {
    const first = Math.floor(word.startSec * SPEECH_SAMPLE_RATE);
    const last = Math.min(samples.length, Math.floor(word.endSec * SPEECH_SAMPLE_RATE));
    const length = Math.max(1, last - first);
    const pitch = 110 + ((wordIndex * 37) % 70);
    let phase = 0;
    for (let index = first; index < last; index += 1) {
      const position = (index - first) / length;
      const time = index / SPEECH_SAMPLE_RATE;
      phase += (2 * Math.PI * pitch * (1 + 0.05 * Math.sin(2 * Math.PI * 3 * time))) / SPEECH_SAMPLE_RATE;
      let voice = 0;
      for (let harmonic = 1; harmonic <= 10; harmonic += 1) voice += Math.sin(harmonic * phase) / harmonic;
      const envelope = Math.sin(Math.PI * position) ** 0.5 * (0.65 + 0.35 * Math.sin(2 * Math.PI * 5 * time));
      samples[index] = Math.round(voice * envelope * 0.3 * 32767);
    }
  });
  return encodeWav({ sampleRate: SPEECH_SAMPLE_RATE, channels: 1, samples });
}

/** A steady chord, for checking the ducking (its level only changes where the timeline ducks it). */
export function synthesiseMusic(durationSec: number, amplitude = 0.3): Buffer {
  const samples = new Int16Array(Math.ceil(durationSec * MUSIC_SAMPLE_RATE));
  for (let index = 0; index < samples.length; index += 1) {
    const time = index / MUSIC_SAMPLE_RATE;
    const chord =
      Math.sin(2 * Math.PI * 220 * time) +
      Math.sin(2 * Math.PI * 277.18 * time) +
      Math.sin(2 * Math.PI * 329.63 * time);
    samples[index] = Math.round((chord / 3) * amplitude * 32767);
  }
  return encodeWav({ sampleRate: MUSIC_SAMPLE_RATE, channels: 1, samples });
}

/** Words spoken at a steady pace through each scene, with a pause between scenes. */
export function timedWords(
  sceneTexts: readonly string[],
  options: { wordSec?: number; gapSec?: number; sceneGapSec?: number; startSec?: number } = {},
): {
  words: WordTiming[];
  scenes: Narration['scenes'];
  durationSec: number;
} {
  const { wordSec = 0.26, gapSec = 0.06, sceneGapSec = 0.3, startSec = 0.2 } = options;
  const words: WordTiming[] = [];
  const scenes: Narration['scenes'] = [];
  let cursor = startSec;
  sceneTexts.forEach((text, sceneIndex) => {
    const sceneStart = cursor;
    for (const word of text.split(/\s+/).filter(Boolean)) {
      words.push({ text: word, startSec: round(cursor), endSec: round(cursor + wordSec), sceneIndex });
      cursor += wordSec + gapSec;
    }
    scenes.push({ startSec: round(sceneStart), endSec: round(cursor - gapSec) });
    cursor += sceneGapSec;
  });
  return { words, scenes, durationSec: round(cursor - sceneGapSec + 0.2) };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export interface RenderInputsOptions {
  aspectRatio: AspectRatio;
  sceneTexts: readonly string[];
  /** Store a music track and put it in the brief. */
  music?: boolean;
  /** Size of the stills (default: the output size); another aspect ratio tests the cover fit. */
  stillSize?: { width: number; height: number };
  prefix?: string;
  timelineOptions?: BuildTimelineOptions;
  /** Brief fields for the look (default: the modern style's). */
  look?: Pick<BriefInput, 'transition' | 'captions' | 'style'>;
}

/** Writes a narration WAV, one PNG per scene (and music) into the store and builds the Timeline with core's buildTimeline. */
export async function createRenderInputs(
  artifacts: ArtifactStore,
  options: RenderInputsOptions,
): Promise<{ timeline: Timeline; narration: Narration }> {
  const prefix = options.prefix ?? 'inputs';
  const { words, scenes, durationSec } = timedWords(options.sceneTexts);
  const audio = await artifacts.put(`${prefix}/narration.wav`, synthesiseSpeech(words, durationSec), {
    contentType: 'audio/wav',
  });
  const narration: Narration = { audio, durationSec, scenes, words, wordTimingsExact: true };
  const brief = briefSchema.parse({
    topic: 'solar power',
    aspectRatio: options.aspectRatio,
    ...options.look,
    ...(options.music ? { music: { source: `${prefix}/music.wav`, volume: 0.3 } } : {}),
  });
  if (options.music) await artifacts.put(`${prefix}/music.wav`, synthesiseMusic(4), { contentType: 'audio/wav' });
  const script: Script = {
    title: 'Solar power',
    language: 'en',
    scenes: options.sceneTexts.map((text) => ({
      narration: text,
      durationHintSec: 2,
      visual: { positive: 'solar panels', negative: '' },
    })),
  };
  const size = options.stillSize ?? {
    width: outputWidth(options.aspectRatio),
    height: outputHeight(options.aspectRatio),
  };
  const visuals: SceneVisual[] = [];
  for (let sceneIndex = 0; sceneIndex < options.sceneTexts.length; sceneIndex += 1) {
    const artifact = await artifacts.put(
      `${prefix}/scene-${sceneIndex}.png`,
      drawStill(size.width, size.height, sceneIndex),
      { contentType: 'image/png' },
    );
    visuals.push({ sceneIndex, kind: 'image', artifact, width: size.width, height: size.height });
  }
  return { timeline: buildTimeline({ brief, script, narration, visuals }, options.timelineOptions), narration };
}

function outputWidth(aspectRatio: AspectRatio): number {
  return aspectRatio === '16:9' ? 1920 : 1080;
}

function outputHeight(aspectRatio: AspectRatio): number {
  return aspectRatio === '9:16' ? 1920 : 1080;
}
