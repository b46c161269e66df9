import type Logger from 'bunyan';
import type PgBoss from 'pg-boss';
import type { EventPublisher } from '../../events/event-publisher.js';
import type { NotificationChannels } from '../../events/notification-channels.js';
import type { Database, TransactionScope } from '../../persistence/database.js';
import type { InFlightSteps } from '../in-flight-steps.js';
import type { JobRowUpdates } from '../job-row-updates.js';
import type { Pipeline } from '../pipeline.js';
import type { JobState } from '../step-run-state.js';
import type { StepRunStore } from '../step-run-store.js';
import type { StepRowUpdates } from './step-row-updates.js';

/** The pg-boss message being handled: its queue and id travel together. */
export interface QueueMessage {
  queue: string;
  id: string;
}

/** What every transition writes through. */
export interface HandOffDependencies {
  database: Database;
  store: StepRunStore;
  steps: StepRowUpdates;
  jobs: JobRowUpdates;
  pipeline: Pipeline;
  boss: PgBoss;
  channels: NotificationChannels;
  publisher: EventPublisher;
  inFlight: InFlightSteps;
  logger: Logger;
}

/**
 * The one shape of every hand-off: in one transaction, lock the job row, run the transition
 * (its compare-and-set decides whether it wins), and complete the handled message with the same
 * commit. A transition that loses (null) writes nothing; its message is then completed on its own,
 * since it is stale either way.
 */
export async function handOff<Result>(
  dependencies: HandOffDependencies,
  jobId: string,
  message: QueueMessage | undefined,
  transition: (scope: TransactionScope, job: JobState) => Promise<Result | null>,
): Promise<Result | null> {
  const result = await dependencies.database.transaction(async (scope) => {
    const job = await dependencies.store.lockJob(scope, jobId);
    if (!job) return null;
    const outcome = await transition(scope, job);
    if (outcome === null) return null;
    if (message) await dependencies.boss.complete(message.queue, message.id, {}, { db: scope.queueDatabase });
    return outcome;
  });
  if (result === null && message) await acknowledge(dependencies, message);
  return result;
}

/** Completes a message that turned out stale (its step moved on); errors are only logged. */
export async function acknowledge(
  dependencies: { boss: PgBoss; logger: Logger },
  message: QueueMessage,
): Promise<void> {
  try {
    await dependencies.boss.complete(message.queue, message.id);
  } catch (error) {
    dependencies.logger.warn(
      { err: error, queue: message.queue, queueJobId: message.id },
      'could not complete a stale message',
    );
  }
}
