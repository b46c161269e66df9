import { z } from 'zod';

/** The four families of output standards: the container, loudness, the picture and the captions. */
export const STANDARD_GROUPS = ['container', 'loudness', 'picture', 'captions'] as const;
export type StandardGroup = (typeof STANDARD_GROUPS)[number];

/** One output standard, measured on one video. */
export const qualityStandardResultSchema = z.object({
  id: z.string().min(1).meta({ description: 'Stable id, e.g. `loudness.integrated`' }),
  group: z.enum(STANDARD_GROUPS),
  label: z.string().meta({ description: 'Human label, e.g. `Integrated loudness`' }),
  passed: z
    .boolean()
    .nullable()
    .meta({ description: 'true: meets the standard; false: does not; null: not measured (neither pass nor fail)' }),
  measured: z
    .string()
    .meta({ description: 'The measured figure with its unit, e.g. `-14.2 LUFS`; why not, when not measured' }),
  limit: z.string().meta({ description: 'What the standard asks, e.g. `-14 ± 1 LUFS`' }),
  value: z.number().optional().meta({ description: 'The main figure as a number (unit in `unit`)' }),
  unit: z.string().optional(),
  details: z
    .array(z.string())
    .optional()
    .meta({ description: 'What failed and where (times in seconds), or how the figure was obtained' }),
});
export type QualityStandardResult = z.infer<typeof qualityStandardResultSchema>;

/** Every standard measured on one video. */
export const qualityReportSchema = z.object({
  file: z.string().meta({ description: 'The measured file (for a job: the video artifact key)' }),
  passed: z
    .boolean()
    .meta({ description: 'True when every measured standard passed (not-measured ones do not count)' }),
  timelineUsed: z
    .boolean()
    .meta({ description: 'Whether a Timeline was available (caption and scene standards need it)' }),
  standards: z.array(qualityStandardResultSchema),
  failed: z.array(z.string()).meta({ description: 'Ids of the standards that failed' }),
  notMeasured: z.array(z.string()).meta({ description: 'Ids of the standards that could not be measured' }),
});
export type QualityReport = z.infer<typeof qualityReportSchema>;

/**
 * What a job keeps of the check run after its assembly: the report, or why there is none. A check
 * that could not run never fails a finished video.
 */
export const qualityCheckSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('measured'), report: qualityReportSchema }),
  z.object({
    status: z.literal('not-measured'),
    reason: z.string().meta({ description: 'Why the check could not run' }),
  }),
]);
export type QualityCheck = z.infer<typeof qualityCheckSchema>;
