import { videoTemplateSchema } from '@looply/core';
import { z } from 'zod';

/** `POST /templates` and `PUT /templates/:id` body: a whole template (structure and presets). */
export const templateRequestSchema = videoTemplateSchema.meta({
  description:
    'A video template: the script structure (hook, points, call to action, pacing) and the brief fields it presets.',
});

export const templateIdParamsSchema = z.object({ id: z.uuid() });

export const templateResponseSchema = videoTemplateSchema.extend({
  /** Null for a built-in template. */
  id: z.uuid().nullable(),
  builtIn: z.boolean(),
  createdAt: z.iso.datetime().nullable(),
  updatedAt: z.iso.datetime().nullable(),
});
export type TemplateResponse = z.infer<typeof templateResponseSchema>;

export const templateListResponseSchema = z.object({ items: z.array(templateResponseSchema) });
