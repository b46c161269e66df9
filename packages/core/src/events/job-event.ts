import { z } from 'zod';
import { STEP_KINDS } from '../domain/brief.js';
import { jobResultSchema, stepFailureSchema } from '../persistence/job-columns.js';
import { TERMINAL_JOB_STATUSES } from '../persistence/job-status.js';
import { usageV1Schema } from '../spec/shared/v1/usage-v1.js';

/** An event's error: a step failure, where a job-level one may lack the step. Fields it does not know are dropped. */
const eventErrorSchema = stepFailureSchema.partial({ step: true, provider: true });

const baseFields = {
  jobId: z.string(),
  /** ISO time the event was produced. */
  at: z.string(),
};

const stepFields = {
  ...baseFields,
  step: z.enum(STEP_KINDS),
  sceneIndex: z.number().int().optional(),
  provider: z.string(),
  attempt: z.number().int(),
};

export const progressEventSchema = z.looseObject({
  type: z.literal('progress'),
  ...baseFields,
  progress: z.number().min(0).max(100),
});

export const stepStartEventSchema = z.looseObject({ type: z.literal('step-start'), ...stepFields });

export const stepEndEventSchema = z.looseObject({
  type: z.literal('step-end'),
  ...stepFields,
  /** `RETRYING`: another attempt is scheduled; `WAITING`: remote work started; `RELEASED`: handed back at shutdown. */
  status: z.enum(['COMPLETED', 'WAITING', 'RETRYING', 'FAILED', 'CANCELLED', 'RELEASED']),
  durationMs: z.number().optional(),
  usage: usageV1Schema.optional(),
  error: eventErrorSchema.optional(),
  retryInMs: z.number().optional(),
});

export const jobEndEventSchema = z.looseObject({
  type: z.literal('job-end'),
  ...baseFields,
  status: z.enum(TERMINAL_JOB_STATUSES),
  /** The quality check is left out (it can exceed the NOTIFY size limit): read it from the job. */
  result: jobResultSchema.omit({ quality: true }).optional(),
  error: eventErrorSchema.optional(),
});

/** Everything the engine reports about a job, in process and across processes (Postgres NOTIFY). */
export const jobEventSchema = z.discriminatedUnion('type', [
  progressEventSchema,
  stepStartEventSchema,
  stepEndEventSchema,
  jobEndEventSchema,
]);

export type JobEventError = z.infer<typeof eventErrorSchema>;
export type ProgressEvent = z.infer<typeof progressEventSchema>;
export type StepStartEvent = z.infer<typeof stepStartEventSchema>;
export type StepEndEvent = z.infer<typeof stepEndEventSchema>;
export type JobEndEvent = z.infer<typeof jobEndEventSchema>;
export type JobEvent = z.infer<typeof jobEventSchema>;
export type JobEventType = JobEvent['type'];

/** Every event type, for listening to all of them. */
export const JOB_EVENT_TYPES: readonly JobEventType[] = jobEventSchema.options.map((option) => option.shape.type.value);

/** Reads an event received through NOTIFY; unknown extra fields are kept (newer senders). */
export function parseJobEvent(value: unknown): JobEvent | null {
  const parsed = jobEventSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
