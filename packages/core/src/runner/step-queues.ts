import { randomUUID } from 'node:crypto';
import type PgBoss from 'pg-boss';
import { z } from 'zod';
import { STEP_KINDS, type StepKind } from '../domain/brief.js';
import type { TransactionScope } from '../persistence/database.js';

/** One pg-boss queue per step kind; pg-boss only schedules, the state lives in `step_run`. */
export const STEP_QUEUES: Record<StepKind, string> = {
  script: 'looply-script',
  voice: 'looply-voice',
  visual: 'looply-visual',
  assembly: 'looply-assembly',
};

/** Failed and exhausted jobs land here; `engine.retry` takes them back out. */
export const DEAD_LETTER_QUEUE = 'looply-dead-letter';

/** Later steps first: finishing started jobs beats starting new ones. */
export const QUEUE_FETCH_ORDER: string[] = [
  STEP_QUEUES.assembly,
  STEP_QUEUES.visual,
  STEP_QUEUES.voice,
  STEP_QUEUES.script,
];

export function stepKindOfQueue(queue: string): StepKind | undefined {
  return STEP_KINDS.find((kind) => STEP_QUEUES[kind] === queue);
}

/** The data of a step message. `run` claims and runs the step; `poll` asks a long-running provider. */
export const stepMessageSchema = z.strictObject({
  stepRunId: z.uuid(),
  jobId: z.uuid(),
  action: z.enum(['run', 'poll']),
  /** For polls: the attempt whose remote operation is polled. */
  attempt: z.number().int().min(1).optional(),
});
export type StepMessage = z.infer<typeof stepMessageSchema>;

export const deadLetterMessageSchema = z.strictObject({
  jobId: z.uuid(),
  stepRunId: z.uuid(),
  step: z.enum(STEP_KINDS),
  provider: z.string(),
  message: z.string(),
  code: z.string().optional(),
});
export type DeadLetterMessage = z.infer<typeof deadLetterMessageSchema>;

/** Creates our queues (idempotent). Retries and expiry are ours, so pg-boss never retries. */
export async function createStepQueues(boss: PgBoss): Promise<void> {
  for (const name of [...Object.values(STEP_QUEUES), DEAD_LETTER_QUEUE]) {
    await boss.createQueue(name, { name, retryLimit: 0, expireInSeconds: 60 * 60, retentionMinutes: 60 * 24 * 14 });
  }
}

export interface ReadySignal {
  queue: string;
  /** Epoch ms before which the message cannot be fetched. */
  notBefore?: number;
}

export const readySignalSchema = z.looseObject({ queue: z.string(), notBefore: z.number().optional() });

/**
 * Sends a message inside `scope`'s transaction (pg-boss `db` option) and signals listening
 * workers on commit. Returns the pg-boss job id, chosen here so callers can store it first.
 */
export async function sendInTransaction(
  boss: PgBoss,
  scope: TransactionScope,
  readyChannel: string,
  queue: string,
  data: StepMessage | DeadLetterMessage,
  options: { delayMs?: number; id?: string } = {},
): Promise<string> {
  const id = options.id ?? randomUUID();
  const delayMs = Math.max(0, Math.round(options.delayMs ?? 0));
  const startAfter = delayMs > 0 ? new Date(Date.now() + delayMs) : undefined;
  const sent = await boss.send(queue, data, { id, db: scope.queueDatabase, ...(startAfter ? { startAfter } : {}) });
  if (sent !== id) throw new Error(`pg-boss did not queue message ${id} on ${queue}`);
  // Workers fetch step queues only; nobody is woken for the dead-letter queue.
  if (queue !== DEAD_LETTER_QUEUE) {
    const signal: ReadySignal = startAfter ? { queue, notBefore: startAfter.getTime() } : { queue };
    scope.notify(readyChannel, JSON.stringify(signal));
  }
  return id;
}
