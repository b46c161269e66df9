import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  ASPECT_RATIOS,
  briefSchema,
  CAPTION_PRESET_IDS,
  MUSIC_MOODS,
  resolveBriefTemplate,
  STYLE_IDS,
  TRANSITION_KINDS,
  type Brief,
  type BriefInput,
  type BriefRequest,
} from '@looply/core';
import { UsageError } from '../usage-error.js';
import { readTemplateOption } from './template-option.js';

/** What commander hands over: strings as typed, `true` for flags, undefined when absent. */
export interface RawGenerateOptions {
  topic?: string;
  tone?: string;
  duration?: string;
  aspect?: string;
  style?: string;
  language?: string;
  voice?: string;
  music?: string;
  template?: string;
  captions?: string;
  transition?: string;
  out?: string;
  json?: boolean;
  concurrency?: string;
  strict?: boolean;
}

export interface GenerateOptions {
  brief: Brief;
  /** Absolute path of the MP4 to write; undefined: `./looply-<jobId>.mp4`. */
  out: string | undefined;
  json: boolean;
  /** Exit 1 when the video fails an output standard (otherwise a warning). */
  strict: boolean;
  /** Steps the in-process workers run at once. */
  concurrency: number;
}

export const DEFAULT_CONCURRENCY = 2;
const MAX_CONCURRENCY = 16;

const duration = briefSchema.shape.durationSec.unwrap();
const topic = briefSchema.shape.topic;
const tone = briefSchema.shape.tone.unwrap();

/** Brief field → the option that sets it, and what it accepts (read from the brief schema). */
const BRIEF_OPTIONS: Record<string, { option: string; allowed: string }> = {
  topic: { option: '--topic', allowed: `a non-empty text of at most ${topic.maxLength} characters` },
  tone: { option: '--tone', allowed: `a text of 1 to ${tone.maxLength} characters` },
  durationSec: {
    option: '--duration',
    allowed: `a whole number of seconds from ${duration.minValue} to ${duration.maxValue}`,
  },
  language: { option: '--language', allowed: 'a BCP-47 language tag such as en or fr-CA' },
  aspectRatio: { option: '--aspect', allowed: `one of ${ASPECT_RATIOS.join(', ')}` },
  style: { option: '--style', allowed: `one of ${STYLE_IDS.join(', ')}` },
  voice: { option: '--voice', allowed: 'a voice id of 1 to 100 characters' },
  music: { option: '--music', allowed: `auto, none, a mood (${MUSIC_MOODS.join(', ')}) or an audio file` },
  captions: { option: '--captions', allowed: `a caption preset: ${CAPTION_PRESET_IDS.join(', ')}` },
  transition: { option: '--transition', allowed: `one of ${TRANSITION_KINDS.join(', ')}` },
};

/** `--music` when absent: music generated in the mood of the tone and style. */
export const DEFAULT_MUSIC = 'auto';
const MUSIC_WORDS: readonly string[] = ['auto', 'none', ...MUSIC_MOODS];

function rejected(option: string, value: unknown, allowed: string): UsageError {
  return new UsageError(option, `${option} ${JSON.stringify(value ?? '')} is not allowed: use ${allowed}`);
}

function wholeNumber(option: string, value: string | undefined, allowed: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(value)) throw rejected(option, value, allowed);
  return Number(value);
}

/**
 * Validates `looply generate` options, with the brief schema from core for the brief itself.
 * Throws a `UsageError` naming the first bad option and what it accepts. Touches nothing but `stat`.
 */
export async function parseGenerateOptions(raw: RawGenerateOptions, cwd = process.cwd()): Promise<GenerateOptions> {
  const durationSec = wholeNumber('--duration', raw.duration, BRIEF_OPTIONS.durationSec.allowed);
  const concurrencyAllowed = `a whole number from 1 to ${MAX_CONCURRENCY}`;
  const concurrency = wholeNumber('--concurrency', raw.concurrency, concurrencyAllowed) ?? DEFAULT_CONCURRENCY;
  if (concurrency < 1 || concurrency > MAX_CONCURRENCY)
    throw rejected('--concurrency', raw.concurrency, concurrencyAllowed);

  // A mood word (or auto/none) unless it names a file: a file called "calm" is given as ./calm.
  let music: BriefInput['music'];
  const musicChoice = raw.music ?? DEFAULT_MUSIC;
  if (MUSIC_WORDS.includes(musicChoice)) {
    music = musicChoice === 'none' ? undefined : { mood: musicChoice as 'auto' };
  } else {
    const source = resolve(cwd, musicChoice);
    const isFile = await stat(source).then(
      (entry) => entry.isFile(),
      () => false,
    );
    if (!isFile)
      throw new UsageError(
        '--music',
        `--music ${JSON.stringify(raw.music)} is not allowed: use ${BRIEF_OPTIONS.music.allowed}; there is no file at ${source}`,
      );
    music = { source };
  }

  let out: string | undefined;
  if (raw.out !== undefined) {
    if (raw.out.trim() === '') throw rejected('--out', raw.out, 'a file path such as video.mp4');
    out = resolve(cwd, raw.out);
    const folder = dirname(out);
    const folderExists = await stat(folder).then(
      (entry) => entry.isDirectory(),
      () => false,
    );
    if (!folderExists)
      throw new UsageError(
        '--out',
        `--out ${JSON.stringify(raw.out)} is not allowed: the folder ${folder} does not exist`,
      );
    const isFolder = await stat(out).then(
      (entry) => entry.isDirectory(),
      () => false,
    );
    if (isFolder)
      throw new UsageError(
        '--out',
        `--out ${JSON.stringify(raw.out)} is not allowed: it is a folder; give a file path such as ${raw.out.replace(/\/?$/, '/video.mp4')}`,
      );
  }

  const template = await readTemplateOption(raw.template, cwd);
  // The template presets what the options leave out; an option always wins.
  const parsed = briefSchema.safeParse(
    resolveBriefTemplate({
      template,
      topic: raw.topic,
      tone: raw.tone,
      durationSec,
      language: raw.language,
      aspectRatio: raw.aspect,
      style: raw.style,
      voice: raw.voice,
      music,
      captions: raw.captions === undefined ? undefined : { preset: raw.captions },
      transition: raw.transition,
      // Unchecked strings as typed: the brief schema validates them right here.
    } as BriefRequest),
  );
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue.path[0]);
    const described = BRIEF_OPTIONS[field] ?? { option: `--${field}`, allowed: issue.message };
    const value =
      { durationSec: raw.duration, aspectRatio: raw.aspect }[field] ?? (raw as Record<string, unknown>)[field];
    throw rejected(described.option, value, described.allowed);
  }
  return { brief: parsed.data, out, json: raw.json === true, strict: raw.strict === true, concurrency };
}
