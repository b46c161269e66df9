import { readFile } from 'node:fs/promises';
import { LooplyError, parseWith } from '@looply/core';
import { z } from 'zod';

const finite = z.number().finite();
const seconds = finite.min(0);

const wordSchema = z.looseObject({ text: z.string(), startSec: seconds, endSec: seconds });

/**
 * The parts of a Looply `Timeline` the quality check reads. Lenient about anything else, so a
 * job file with more fields (or a newer timeline) still checks.
 */
export const qualityTimelineSchema = z.looseObject({
  language: z.string().min(1),
  output: z.looseObject({
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    fps: z.number().positive(),
  }),
  durationSec: seconds,
  visuals: z.array(
    z.looseObject({
      sceneIndex: z.number().int().min(0),
      kind: z.enum(['image', 'video']),
      startSec: seconds,
      lengthSec: seconds,
      motion: z.looseObject({ type: z.string() }),
    }),
  ),
  narration: z.looseObject({ startSec: seconds, lengthSec: seconds }),
  music: z.looseObject({ duckingDb: finite, volume: finite.min(0) }).nullish(),
  captions: z.array(
    z.looseObject({
      startSec: seconds,
      endSec: seconds,
      lines: z.array(z.string()),
      words: z.array(wordSchema),
      sceneIndex: z.number().int().min(0),
    }),
  ),
  captionStyle: z.looseObject({
    font: z.looseObject({ family: z.string().min(1), weight: z.number().int() }),
    fontSizePx: z.number().positive(),
    textColor: z.string().regex(/^#[0-9a-f]{6}$/i, 'must be a #rrggbb colour'),
    outlineColor: z.string().regex(/^#[0-9a-f]{6}$/i, 'must be a #rrggbb colour'),
    outlineWidthPx: z.number().min(0),
    safeMarginXPx: z.number().min(0),
    safeMarginYPx: z.number().min(0),
    verticalPosition: z.number().min(0).max(1),
    highlight: z
      .looseObject({ mode: z.string(), textColor: z.string().regex(/^#[0-9a-f]{6}$/i, 'must be a #rrggbb colour') })
      .nullish(),
  }),
});
export type QualityTimeline = z.output<typeof qualityTimelineSchema>;

/** Validates a timeline handed to `measureVideo`; throws a `LooplyError('validation')` naming the bad fields. */
export function parseQualityTimeline(value: unknown, where: string): QualityTimeline {
  return parseWith(qualityTimelineSchema, value, where);
}

/**
 * Reads a job file for `looply check --timeline`: a Timeline, or an object with a `timeline`
 * field (the sidecar `generate` writes, or a job's stored step input).
 */
export async function readTimelineFile(path: string): Promise<QualityTimeline> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new LooplyError('not-found', `Cannot read the timeline file ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LooplyError('validation', `The timeline file ${path} is not JSON: ${(error as Error).message}`);
  }
  const wrapped = json !== null && typeof json === 'object' && !Array.isArray(json) && 'timeline' in json;
  const candidate = wrapped ? (json as { timeline: unknown }).timeline : json;
  return parseQualityTimeline(candidate, wrapped ? `the "timeline" field of ${path}` : `the timeline file ${path}`);
}
