import { z } from 'zod';

/** The one shape of every failure response. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z
      .string()
      .meta({ description: 'Stable machine-readable code, e.g. `validation`, `not-found`, `rate-limited`' }),
    message: z.string().meta({ description: 'What was wrong and where' }),
    details: z.unknown().optional().meta({ description: 'For `validation`: the zod issues' }),
  }),
});

export type ErrorBody = z.infer<typeof errorBodySchema>;

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}
