import { z } from 'zod';
import { WAN_MODELS } from './wan-models.js';

/** What a started generation persists on the step run (JSON, survives restarts). */
export const wanVisualOperationSchema = z.strictObject({
  requestId: z.string().min(1),
  /** 1-based: which generation of this scene this is (a failed one is resubmitted under the next id). */
  attempt: z.number().int().min(1),
  maxAttempts: z.number().int().min(1),
  /** Epoch ms when the generation was queued, for the generation time limit. */
  submittedAt: z.number().int().min(0),
  sceneIndex: z.number().int().min(0),
  format: z.strictObject({
    model: z.enum(WAN_MODELS),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    frames: z.number().int().positive(),
    fps: z.number().positive(),
  }),
  /** Where the clip is expected (for the job's metadata): the wrapper's URL. */
  endpointUrl: z.string().min(1),
});
export type WanVisualOperation = z.infer<typeof wanVisualOperationSchema>;
