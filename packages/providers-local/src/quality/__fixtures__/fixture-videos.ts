import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StyleFont } from '@looply/core';
import { resolveFfmpegPath } from '../../assembly/ffmpeg-binaries.js';
import { fontsDirectory } from '../../fonts/fonts-directory.js';
import { libassFontFor } from '../../fonts/libass-font.js';
import type { QualityTimeline } from '../quality-timeline.js';
import { runMediaTool } from '../run-media-tool.js';

/** Test-only: builds small videos with ffmpeg, with known defects and captions burned at known times. */

export const CAPTION_FONT: StyleFont = { family: 'Montserrat', weight: 800 };

/** Runs ffmpeg with the given arguments (overwriting outputs, quiet). */
export async function ffmpeg(args: string[]): Promise<void> {
  await runMediaTool({
    binary: resolveFfmpegPath(),
    args: ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...args],
    what: 'building a test video',
  });
}

/** Encoding that meets the container standards: H.264 High yuv420p 30 fps, AAC 48 kHz stereo, faststart. */
export const GOOD_ENCODING = [
  '-c:v',
  'libx264',
  '-preset',
  'superfast',
  '-profile:v',
  'high',
  '-pix_fmt',
  'yuv420p',
  '-r',
  '30',
  '-c:a',
  'aac',
  '-ar',
  '48000',
  '-ac',
  '2',
  '-b:a',
  '128k',
  '-movflags',
  '+faststart',
  '-shortest',
];

/**
 * A speech-like test signal at about −14 LUFS with a true peak near −9 dBTP: a 300 Hz tone with
 * harmonics, switched on and off like syllables.
 */
export function speechLikeAudio(durationSec: number, gainDb = 0): string[] {
  const expression = `0.24*(sin(2*PI*300*t)+0.5*sin(2*PI*600*t)+0.25*sin(2*PI*1200*t))*gt(sin(2*PI*3*t),-0.3)`;
  return ['-f', 'lavfi', '-i', `aevalsrc='${expression}|${expression}':s=48000:d=${durationSec},volume=${gainDb}dB`];
}

/**
 * A moving, textured background (the animated test card). With `cutAtSec`, it is shown as a
 * negative from then on: a second scene that looks different.
 */
export function movingBackground(width: number, height: number, durationSec: number, cutAtSec?: number): string[] {
  const negative = cutAtSec === undefined ? '' : `,negate=enable='gte(t,${cutAtSec})'`;
  return ['-f', 'lavfi', '-i', `testsrc2=s=${width}x${height}:r=30:d=${durationSec}${negative}`];
}

/** A clean 4 s video meeting every picture, loudness and container standard. */
export async function renderGoodVideo(file: string, width = 540, height = 960, durationSec = 4): Promise<void> {
  await ffmpeg([
    ...movingBackground(width, height, durationSec),
    ...speechLikeAudio(durationSec),
    ...GOOD_ENCODING,
    file,
  ]);
}

/**
 * Picture and sound defects in a well-encoded 4 s video: black from 1.0 to 2.0 s, a frozen
 * picture from 2.5 to 3.5 s, the voice 9 dB too quiet (about −23 LUFS) and silent from 1.0 to 2.0 s.
 */
export async function renderDefectiveVideo(file: string, width = 540, height = 960): Promise<void> {
  await ffmpeg([
    ...movingBackground(width, height, 4),
    '-f',
    'lavfi',
    '-i',
    `smptebars=s=${width}x${height}:r=30:d=4`,
    ...speechLikeAudio(4, -9),
    '-filter_complex',
    "[0:v][1:v]overlay=enable='between(t,2.5,3.5)',drawbox=t=fill:c=black:enable='between(t,1,2)'[v];[2:a]volume=0:enable='between(t,1,2)'[a]",
    '-map',
    '[v]',
    '-map',
    '[a]',
    ...GOOD_ENCODING,
    file,
  ]);
}

/**
 * Container defects: 25 fps, yuv444p (so H.264 High 4:4:4), mono 44.1 kHz silent audio, the
 * index (moov) after the media data.
 */
export async function renderBadContainerVideo(file: string, width = 320, height = 240): Promise<void> {
  await ffmpeg([
    '-f',
    'lavfi',
    '-i',
    `testsrc2=s=${width}x${height}:r=25:d=3`,
    '-f',
    'lavfi',
    '-i',
    'anullsrc=r=44100:cl=mono',
    '-c:v',
    'libx264',
    '-preset',
    'superfast',
    '-pix_fmt',
    'yuv444p',
    '-c:a',
    'aac',
    '-ar',
    '44100',
    '-ac',
    '1',
    '-shortest',
    file,
  ]);
}

export interface FixtureCaption {
  startSec: number;
  endSec: number;
  lines: string[];
}

/**
 * Writes an ASS subtitle file drawing captions as the Looply timeline asks: the caption font, white text,
 * black outline, the block centred at `verticalPosition` of the height.
 */
export async function writeCaptionFile(
  file: string,
  timeline: QualityTimeline,
  captions: FixtureCaption[],
  options: { offsetSec?: number; positionY?: number } = {},
): Promise<{ file: string; fontsDirectory: string }> {
  const { width, height } = timeline.output;
  const style = timeline.captionStyle;
  const font = libassFontFor(CAPTION_FONT);
  const colour = (hex: string): string => `&H00${hex.slice(5, 7)}${hex.slice(3, 5)}${hex.slice(1, 3)}`.toUpperCase();
  const y = options.positionY ?? Math.round(style.verticalPosition * height);
  const offset = options.offsetSec ?? 0;
  const lines = [
    '[Script Info]',
    'ScriptType: v4.00+',
    `PlayResX: ${width}`,
    `PlayResY: ${height}`,
    'WrapStyle: 2',
    'ScaledBorderAndShadow: yes',
    '',
    '[V4+ Styles]',
    'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
    `Style: Caption,${font.family},${style.fontSizePx},${colour(style.textColor)},&H000000FF,${colour(style.outlineColor)},&H00000000,${font.bold ? -1 : 0},0,0,0,100,100,0,0,1,${style.outlineWidthPx},0,5,0,0,0,1`,
    '',
    '[Events]',
    'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
    ...captions.map(
      (caption) =>
        `Dialogue: 0,${assTime(caption.startSec + offset)},${assTime(caption.endSec + offset)},Caption,,0,0,0,,{\\an5\\pos(${Math.round(width / 2)},${y})}${caption.lines.join('\\N')}`,
    ),
  ];
  await writeFile(file, `${lines.join('\n')}\n`, 'utf8');
  return { file, fontsDirectory: await fontsDirectory({ fonts: [CAPTION_FONT] }) };
}

/** `h:mm:ss.cc` — ASS times are in centiseconds. */
function assTime(seconds: number): string {
  const centiseconds = Math.max(0, Math.round(seconds * 100));
  const hours = Math.floor(centiseconds / 360_000);
  const minutes = Math.floor((centiseconds % 360_000) / 6000);
  const secs = Math.floor((centiseconds % 6000) / 100);
  return `${hours}:${String(minutes).padStart(2, '0')}:${String(secs).padStart(2, '0')}.${String(centiseconds % 100).padStart(2, '0')}`;
}

/**
 * A timeline for a fixture video: one image scene per entry of `sceneStarts`, captions from
 * `captions` (each word timed evenly inside its caption), the Looply caption style for the size.
 */
export function fixtureTimeline(options: {
  width: number;
  height: number;
  durationSec: number;
  captions: FixtureCaption[];
  sceneStarts?: number[];
  language?: string;
}): QualityTimeline {
  const { width, height, durationSec } = options;
  const fontSizePx = Math.round(Math.min(width, height) * 0.065);
  const sceneStarts = options.sceneStarts ?? [0];
  const sceneOf = (time: number): number => Math.max(0, sceneStarts.filter((start) => start <= time + 1e-9).length - 1);
  return {
    language: options.language ?? 'en',
    output: { width, height, fps: 30 },
    durationSec,
    visuals: sceneStarts.map((startSec, index) => ({
      sceneIndex: index,
      kind: 'image' as const,
      startSec,
      lengthSec: (sceneStarts[index + 1] ?? durationSec) - startSec,
      motion: { type: 'ken-burns' },
    })),
    narration: { startSec: 0, lengthSec: durationSec },
    music: null,
    captions: options.captions.map((caption) => {
      const texts = caption.lines.join(' ').split(/\s+/);
      const step = (caption.endSec - caption.startSec) / texts.length;
      return {
        startSec: caption.startSec,
        endSec: caption.endSec,
        lines: caption.lines,
        words: texts.map((text, index) => ({
          text,
          startSec: caption.startSec + index * step,
          endSec: caption.startSec + (index + 1) * step,
        })),
        sceneIndex: sceneOf(caption.startSec),
      };
    }),
    captionStyle: {
      font: { ...CAPTION_FONT },
      fontSizePx,
      textColor: '#ffffff',
      outlineColor: '#000000',
      outlineWidthPx: Math.max(2, Math.round(fontSizePx * 0.09)),
      safeMarginXPx: Math.round(width * 0.1),
      safeMarginYPx: Math.round(height * 0.1),
      verticalPosition: 0.75,
    },
  };
}

/**
 * A 4 s video over the moving background with `captions` burned by libass as the timeline's
 * style asks, `offsetSec` later than their times and at `positionY` (default: the style's).
 */
export async function renderCaptionedVideo(
  directory: string,
  name: string,
  timeline: QualityTimeline,
  captions: FixtureCaption[],
  options: { offsetSec?: number; positionY?: number; cutAtSec?: number } = {},
): Promise<string> {
  const { width, height } = timeline.output;
  const subtitles = await writeCaptionFile(join(directory, `${name}.ass`), timeline, captions, options);
  const file = join(directory, name);
  await ffmpeg([
    ...movingBackground(width, height, timeline.durationSec, options.cutAtSec),
    ...speechLikeAudio(timeline.durationSec),
    '-vf',
    `subtitles=${subtitles.file}:fontsdir=${subtitles.fontsDirectory}`,
    ...GOOD_ENCODING,
    file,
  ]);
  return file;
}
