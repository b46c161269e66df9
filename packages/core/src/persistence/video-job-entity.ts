import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { Brief, StepKind } from '../domain/brief.js';
import type { JobResult, JobUsage, StepFailure } from './job-columns.js';
import type { JobStatus } from './job-status.js';

/** One video job: the brief, where it stands and what it produced. Table `video_job`. */
export const VideoJobEntity = defineEntity({
  name: 'VideoJob',
  tableName: 'video_job',
  properties: {
    id: p.uuid().primary(),
    ownerId: p.text().nullable(),
    idempotencyKey: p.text().nullable(),
    brief: p.json<Brief>(),
    status: p.text().$type<JobStatus>(),
    progress: p.integer(),
    currentStep: p.text().$type<StepKind>().nullable(),
    /** Provider id per step kind, resolved at submit time. */
    providers: p.json<Record<StepKind, string>>(),
    result: p.json<JobResult>().nullable(),
    usage: p.json<JobUsage>(),
    totalCostUsd: p.double(),
    error: p.json<StepFailure>().nullable(),
    metadata: p.json<Record<string, unknown>>(),
    /** The pg-boss job id of this job's dead-letter message while it sits there. */
    deadLetterQueueJobId: p.uuid().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
  },
});

export type VideoJob = InferEntity<typeof VideoJobEntity>;
