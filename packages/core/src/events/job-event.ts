import { z } from 'zod';
import { artifactRefSchema, type ArtifactRef } from '../artifacts/artifact-ref.js';
import { STEP_KINDS, type StepKind } from '../domain/brief.js';
import type { UsageV1 } from '../spec/shared/v1/usage-v1.js';

const usageSchema = z.looseObject({
  inputTokens: z.number().optional(),
  outputTokens: z.number().optional(),
  characters: z.number().optional(),
  images: z.number().optional(),
  audioSeconds: z.number().optional(),
  gpuSeconds: z.number().optional(),
  renderSeconds: z.number().optional(),
  costUsd: z.number().optional(),
});

const eventErrorSchema = z.looseObject({
  step: z.enum(STEP_KINDS).optional(),
  sceneIndex: z.number().int().optional(),
  provider: z.string().optional(),
  message: z.string(),
  code: z.string().optional(),
});

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

export const progressEventSchema = z.looseObject({ type: z.literal('progress'), ...baseFields, progress: z.number().min(0).max(100) });

export const stepStartEventSchema = z.looseObject({ type: z.literal('step-start'), ...stepFields });

export const stepEndEventSchema = z.looseObject({
  type: z.literal('step-end'),
  ...stepFields,
  /** `RETRYING`: the attempt failed and another one is scheduled; `WAITING`: remote work started. */
  status: z.enum(['COMPLETED', 'WAITING', 'RETRYING', 'FAILED', 'CANCELLED', 'RELEASED']),
  durationMs: z.number().optional(),
  usage: usageSchema.optional(),
  error: eventErrorSchema.optional(),
  retryInMs: z.number().optional(),
});

export const jobEndEventSchema = z.looseObject({
  type: z.literal('job-end'),
  ...baseFields,
  status: z.enum(['COMPLETED', 'FAILED', 'CANCELLED']),
  result: z
    .looseObject({ video: artifactRefSchema, durationSec: z.number(), width: z.number(), height: z.number() })
    .optional(),
  error: eventErrorSchema.optional(),
});

/** Everything the engine reports about a job, in process and across processes (Postgres NOTIFY). */
export const jobEventSchema = z.discriminatedUnion('type', [progressEventSchema, stepStartEventSchema, stepEndEventSchema, jobEndEventSchema]);

export interface JobEventError {
  step?: StepKind;
  sceneIndex?: number;
  provider?: string;
  message: string;
  code?: string;
}

interface JobEventBase {
  jobId: string;
  /** ISO time the event was produced. */
  at: string;
}

interface StepEventBase extends JobEventBase {
  step: StepKind;
  sceneIndex?: number;
  provider: string;
  attempt: number;
}

export interface ProgressEvent extends JobEventBase {
  type: 'progress';
  progress: number;
}

export interface StepStartEvent extends StepEventBase {
  type: 'step-start';
}

export interface StepEndEvent extends StepEventBase {
  type: 'step-end';
  /** `RETRYING`: another attempt is scheduled; `WAITING`: remote work started; `RELEASED`: handed back at shutdown. */
  status: 'COMPLETED' | 'WAITING' | 'RETRYING' | 'FAILED' | 'CANCELLED' | 'RELEASED';
  durationMs?: number;
  usage?: UsageV1;
  error?: JobEventError;
  retryInMs?: number;
}

export interface JobEndEvent extends JobEventBase {
  type: 'job-end';
  status: 'COMPLETED' | 'FAILED' | 'CANCELLED';
  result?: { video: ArtifactRef; durationSec: number; width: number; height: number };
  error?: JobEventError;
}

export type JobEvent = ProgressEvent | StepStartEvent | StepEndEvent | JobEndEvent;
export type JobEventType = JobEvent['type'];

/** Reads an event received through NOTIFY; unknown extra fields are kept (newer senders). */
export function parseJobEvent(value: unknown): JobEvent | null {
  const parsed = jobEventSchema.safeParse(value);
  return parsed.success ? (parsed.data as unknown as JobEvent) : null;
}
