import { z } from 'zod';

/** What a scene does in a structured script: open, make one point, close with an ask. */
export const SCENE_ROLES = ['hook', 'point', 'call-to-action'] as const;
export type SceneRole = (typeof SCENE_ROLES)[number];

/**
 * How dense the narration is: `brisk` writes about 10% more words for the duration (short,
 * punchy sentences), `relaxed` about 10% fewer (room to breathe). Script writers multiply their
 * words-per-second target by this factor.
 */
export const PACING_WORD_FACTORS = { brisk: 1.1, steady: 1, relaxed: 0.9 } as const;
export const PACINGS = Object.keys(PACING_WORD_FACTORS) as Array<keyof typeof PACING_WORD_FACTORS>;
export type Pacing = keyof typeof PACING_WORD_FACTORS;

export const POINT_NUMBERINGS = ['none', 'ascending', 'countdown'] as const;

/** The shape a template gives the script: one hook scene, one scene per point, an optional call-to-action scene. */
export const scriptStructureSchema = z.strictObject({
  /** What the opening scene does, e.g. "ask the question the viewer has about the topic". */
  hook: z.string().trim().min(1).max(300),
  points: z.strictObject({
    /** How many points, one scene each ("top N": N). */
    count: z.number().int().min(1).max(8),
    /** What one point is, singular: "key idea", "item", "story beat", "benefit", "headline". */
    label: z.string().trim().min(1).max(40),
    /** `countdown` numbers the points N…1 (a "top N" list), `ascending` 1…N. */
    numbering: z.enum(POINT_NUMBERINGS).default('none'),
    /** What each point should do beyond its label. */
    guidance: z.string().trim().min(1).max(300).optional(),
  }),
  /** What the closing scene asks of the viewer; absent: the script ends on its last point. */
  callToAction: z.string().trim().min(1).max(300).optional(),
  pacing: z.enum(PACINGS as [Pacing, ...Pacing[]]).default('steady'),
});
export type ScriptStructure = z.output<typeof scriptStructureSchema>;
export type ScriptStructureInput = z.input<typeof scriptStructureSchema>;

export const templateNameSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/,
    'must be a template name: lower-case letters, digits and dashes, such as "product-promo"',
  );

/**
 * The template a job was made with, as recorded in its brief: its name and the structure the
 * script writer followed (the template's presets are already merged into the brief's fields).
 */
export const appliedTemplateSchema = z.strictObject({
  name: templateNameSchema,
  description: z.string().trim().max(500).optional(),
  structure: scriptStructureSchema,
});
export type AppliedTemplate = z.output<typeof appliedTemplateSchema>;

/** The role of every scene, in order: hook, the points, then the call to action when there is one. */
export function sceneRolesFor(structure: ScriptStructure): SceneRole[] {
  return [
    'hook',
    ...Array.from({ length: structure.points.count }, () => 'point' as const),
    ...(structure.callToAction ? ['call-to-action' as const] : []),
  ];
}

/** The number shown or said for the point at `position` (0-based), or undefined when points are not numbered. */
export function pointNumber(structure: ScriptStructure, position: number): number | undefined {
  if (structure.points.numbering === 'ascending') return position + 1;
  if (structure.points.numbering === 'countdown') return structure.points.count - position;
  return undefined;
}
