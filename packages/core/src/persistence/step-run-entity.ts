import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { StepKind } from '../domain/brief.js';
import type { JsonValue } from '../spec/shared/v1/long-running-v1.js';
import type { UsageV1 } from '../spec/shared/v1/usage-v1.js';
import type { StepFailure } from './job-columns.js';
import type { StepStatus } from './job-status.js';
import { VideoJobEntity } from './video-job-entity.js';

/**
 * One step of one job (one per scene for visuals). The lease token fences writes: only the
 * attempt holding the current token may store an output. Table `step_run`.
 */
export const StepRunEntity = defineEntity({
  name: 'StepRun',
  tableName: 'step_run',
  properties: {
    id: p.uuid().primary(),
    job: () => p.manyToOne(VideoJobEntity).ref().deleteRule('cascade'),
    step: p.text().$type<StepKind>(),
    sceneIndex: p.integer().nullable(),
    provider: p.text(),
    status: p.text().$type<StepStatus>(),
    attempt: p.integer(),
    leaseToken: p.uuid().nullable(),
    leaseExpiresAt: p.datetime().nullable(),
    /** The pg-boss job that may claim this step (the one live message); null while not yet queued. */
    queueJobId: p.uuid().nullable(),
    input: p.json<JsonValue>().nullable(),
    output: p.json<JsonValue>().nullable(),
    /** Long-running steps: the provider's persisted operation and the vendor's request id. */
    operation: p.json<JsonValue>().nullable(),
    externalId: p.text().nullable(),
    /** The worker (`host:pid`) that claimed the current (or last) attempt. */
    workerId: p.text().nullable(),
    usage: p.json<UsageV1>().nullable(),
    error: p.json<StepFailure>().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    /** First claim of the step. */
    startedAt: p.datetime().nullable(),
    /** Start of the current (or last) attempt. */
    attemptStartedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
  },
});

export type StepRun = InferEntity<typeof StepRunEntity>;
