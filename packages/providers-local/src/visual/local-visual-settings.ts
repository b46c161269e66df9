import { z } from 'zod';

/** How stills are encoded. JPEG by default: grain makes PNG stills several times larger and slower. */
export const localVisualSettingsSchema = z.strictObject({
  /** `jpeg` (default) or `png` (lossless, about 5× larger). */
  format: z.enum(['jpeg', 'png']).default('jpeg'),
  /** JPEG quality 50–100; 90 keeps gradients clean through the video encode. */
  jpegQuality: z.number().int().min(50).max(100).default(90),
});

export type LocalVisualSettings = z.input<typeof localVisualSettingsSchema>;
export type ResolvedLocalVisualSettings = z.output<typeof localVisualSettingsSchema>;
