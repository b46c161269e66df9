import { z } from 'zod';

/** A pointer to a stored artifact. Keys are relative, `/`-separated, e.g. `jobs/<id>/voice/narration.wav`. */
export const artifactRefSchema = z.strictObject({
  key: z.string().min(1),
  contentType: z.string().min(1),
  bytes: z.number().int().min(0).optional(),
});
export type ArtifactRef = z.infer<typeof artifactRefSchema>;
