import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { parseWith } from '../errors/validation.js';
import { JOB_STATUSES } from '../persistence/job-status.js';
import { StepRunEntity } from '../persistence/step-run-entity.js';
import { VideoJobEntity } from '../persistence/video-job-entity.js';
import type { ListJobsQuery } from './engine.js';
import { toJobView, type JobView } from './job-view.js';

const listQuerySchema = z.strictObject({
  ownerId: z.string().min(1).optional(),
  status: z.enum(JOB_STATUSES).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});

const uuidSchema = z.uuid();

/** Whether `id` can name a job at all (ids are UUIDs; anything else is simply not found). */
export function isJobId(id: string): boolean {
  return uuidSchema.safeParse(id).success;
}

/** `engine.get`: one job with its steps, or null (an id that is not a UUID is simply not found). */
export async function readJob(em: EntityManager, id: string): Promise<JobView | null> {
  if (!isJobId(id)) return null;
  const job = await em.findOne(VideoJobEntity, { id });
  if (!job) return null;
  const steps = await em.find(StepRunEntity, { job: id });
  return toJobView(job, steps);
}

/** `engine.list`: one page of jobs, newest first, with the total. */
export async function listJobs(
  em: EntityManager,
  query: ListJobsQuery | undefined,
): Promise<{ items: JobView[]; total: number }> {
  const { ownerId, status, page, pageSize } = parseWith(listQuerySchema, query ?? {}, 'list query');
  const [jobs, total] = await em.findAndCount(
    VideoJobEntity,
    { ...(ownerId !== undefined ? { ownerId } : {}), ...(status !== undefined ? { status } : {}) },
    { orderBy: { createdAt: 'desc', id: 'desc' }, limit: pageSize, offset: (page - 1) * pageSize },
  );
  const steps = jobs.length ? await em.find(StepRunEntity, { job: { $in: jobs.map((job) => job.id) } }) : [];
  const items = jobs.map((job) =>
    toJobView(
      job,
      steps.filter((step) => step.job.id === job.id),
    ),
  );
  return { items, total };
}
