import { z } from 'zod';
import { artifactRefSchema } from '../artifacts/artifact-ref.js';
import { languageTagSchema } from '../domain/brief.js';
import { MUSIC_MOODS } from '../domain/music-mood.js';
import { STYLE_IDS } from '../styles/style-catalogue.js';
import { TRANSITION_KINDS } from './transitions.js';
import type { Timeline } from './timeline.js';

const seconds = z.number().finite().min(0);
const colourSchema = z.string().regex(/^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$/, 'must be a #rrggbb or #rrggbbaa colour');

const framingSchema = z.strictObject({
  scale: z.number().min(1).max(4),
  centerX: z.number().min(0).max(1),
  centerY: z.number().min(0).max(1),
});

const visualMotionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ken-burns'), from: framingSchema, to: framingSchema }),
  z.strictObject({ type: z.literal('none') }),
]);

const visualClipSchema = z.strictObject({
  sceneIndex: z.number().int().min(0),
  kind: z.enum(['image', 'video']),
  artifact: artifactRefSchema,
  startSec: seconds,
  lengthSec: z.number().positive(),
  sourceDurationSec: z.number().positive().optional(),
  motion: visualMotionSchema,
  transitionInSec: z.number().min(0).max(2).optional(),
});

const captionWordSchema = z.strictObject({ text: z.string().min(1), startSec: seconds, endSec: seconds });

const captionSchema = z.strictObject({
  startSec: seconds,
  endSec: seconds,
  lines: z.array(z.string().min(1)).min(1).max(2),
  words: z.array(captionWordSchema),
  sceneIndex: z.number().int().min(0),
});

const captionStyleSchema = z.strictObject({
  font: z.strictObject({ family: z.string().min(1), weight: z.literal([400, 500, 600, 700, 800, 900]) }),
  fontSizePx: z.number().positive().max(1000),
  textColor: colourSchema,
  outlineColor: colourSchema,
  outlineWidthPx: z.number().min(0).max(100),
  safeMarginXPx: z.number().min(0),
  safeMarginYPx: z.number().min(0),
  verticalPosition: z.number().min(0).max(1),
  box: z.strictObject({ color: colourSchema, opacity: z.number().min(0).max(1) }).optional(),
  highlight: z
    .strictObject({ mode: z.enum(['color', 'box']), textColor: colourSchema, boxColor: colourSchema.optional() })
    .optional(),
});

/** The Timeline as a schema, for renderers that receive it across a boundary (a queue, a file). */
export const timelineSchema = z
  .strictObject({
    version: z.literal(1),
    title: z.string(),
    language: languageTagSchema,
    style: z.enum(STYLE_IDS),
    output: z.strictObject({
      width: z.number().int().positive().max(7680),
      height: z.number().int().positive().max(7680),
      fps: z.number().positive().max(120),
    }),
    durationSec: z.number().positive(),
    visuals: z.array(visualClipSchema).min(1),
    narration: z.strictObject({
      artifact: artifactRefSchema,
      startSec: seconds,
      lengthSec: z.number().positive(),
      volume: z.number().min(0).max(4),
    }),
    music: z
      .strictObject({
        source: z.string().min(1).optional(),
        mood: z.enum(MUSIC_MOODS).optional(),
        volume: z.number().min(0).max(1),
        duckingDb: z.number().max(0).min(-60),
      })
      .refine((music) => (music.source === undefined) !== (music.mood === undefined), {
        message: 'needs exactly one of source and mood',
      })
      .optional(),
    captions: z.array(captionSchema),
    captionStyle: captionStyleSchema,
    transition: z.strictObject({ kind: z.enum(TRANSITION_KINDS), durationSec: z.number().min(0).max(2) }).optional(),
    loudness: z.strictObject({ integratedLufs: z.number().min(-70).max(-5), truePeakDb: z.number().min(-9).max(0) }),
  })
  .superRefine((timeline, context) => {
    timeline.visuals.forEach((clip, index) => {
      const expectedStart =
        index === 0 ? 0 : timeline.visuals[index - 1].startSec + timeline.visuals[index - 1].lengthSec;
      if (Math.abs(clip.startSec - expectedStart) > 0.001) {
        context.addIssue({
          code: 'custom',
          path: ['visuals', index, 'startSec'],
          message: `clips must abut: expected ${expectedStart}, got ${clip.startSec}`,
        });
      }
    });
    const last = timeline.visuals.at(-1);
    if (last && Math.abs(last.startSec + last.lengthSec - timeline.durationSec) > 0.001) {
      context.addIssue({
        code: 'custom',
        path: ['visuals'],
        message: `the clips end at ${last.startSec + last.lengthSec} s but the timeline lasts ${timeline.durationSec} s`,
      });
    }
    timeline.captions.forEach((caption, index) => {
      if (caption.endSec < caption.startSec)
        context.addIssue({ code: 'custom', path: ['captions', index, 'endSec'], message: 'ends before it starts' });
    });
  });

// Compile-time proof that the schema and the Timeline type describe the same thing.
type Assert<T extends true> = T;
export type TimelineSchemaMatchesType = Assert<
  z.output<typeof timelineSchema> extends Timeline
    ? Timeline extends z.output<typeof timelineSchema>
      ? true
      : false
    : false
>;
