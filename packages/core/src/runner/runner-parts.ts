import type Logger from 'bunyan';
import type PgBoss from 'pg-boss';
import type { ArtifactStore } from '../artifacts/artifact-store.js';
import type { StepKind } from '../domain/brief.js';
import type { EventPublisher } from '../events/event-publisher.js';
import type { NotificationChannels } from '../events/notification-channels.js';
import type { Database } from '../persistence/database.js';
import type { OutputCheck } from '../quality/output-check.js';
import type { ProviderRegistry } from '../registry/provider-registry.js';
import type { InFlightSteps } from './in-flight-steps.js';
import { JobCommands } from './job-commands.js';
import { JobRowUpdates } from './job-row-updates.js';
import { LeaseSweeper, type LeaseSweeperSettings } from './lease-sweeper.js';
import { Pipeline } from './pipeline.js';
import { RemoteCancel } from './remote-cancel.js';
import { StepExecutor } from './step-executor.js';
import { StepOutcomes } from './step-outcomes.js';
import { StepProcessor, type ProcessorSettings } from './step-processor.js';
import { StepRunStore } from './step-run-store.js';
import type { HandOffDependencies } from './transitions/hand-off.js';
import { StepRowUpdates } from './transitions/step-row-updates.js';
import { WebhookHandler } from './webhook-handler.js';

export interface RunnerPartsOptions {
  database: Database;
  boss: PgBoss;
  channels: NotificationChannels;
  publisher: EventPublisher;
  inFlight: InFlightSteps;
  registry: ProviderRegistry;
  artifacts: ArtifactStore;
  providerOptions: Record<string, Record<string, unknown>> | undefined;
  defaults: Record<StepKind, string>;
  settings: ProcessorSettings & { visualConcurrency: number };
  logger: Logger;
  /** Recorded on the step runs this process claims (`host:pid`). */
  workerId: string;
  /** Run on every video an assembler renders in this process (`EngineOptions.outputCheck`). */
  outputCheck?: OutputCheck;
}

/** The runner's objects, wired once: the engine keeps this and starts workers and the sweeper from it. */
export interface RunnerParts {
  store: StepRunStore;
  processor: StepProcessor;
  commands: JobCommands;
  webhooks: WebhookHandler;
  createSweeper(settings: Omit<LeaseSweeperSettings, 'leaseMs' | 'maxAttempts'>): LeaseSweeper;
}

export function createRunnerParts(options: RunnerPartsOptions): RunnerParts {
  const { database, boss, channels, publisher, inFlight, registry, artifacts, settings, logger } = options;
  const store = new StepRunStore(database, options.workerId);
  const jobs = new JobRowUpdates(database);
  const pipeline = new Pipeline(store, jobs, boss, channels, publisher, {
    visualConcurrency: settings.visualConcurrency,
  });
  const handOff: HandOffDependencies = {
    database,
    store,
    steps: new StepRowUpdates(database),
    jobs,
    pipeline,
    boss,
    channels,
    publisher,
    inFlight,
    logger,
  };
  const executor = new StepExecutor(registry, artifacts, options.providerOptions, logger, options.outputCheck);
  const remoteCancel = new RemoteCancel(executor, logger);
  const outcomes = new StepOutcomes(handOff, remoteCancel, settings);
  return {
    store,
    processor: new StepProcessor({ ...handOff, executor, outcomes, remoteCancel, inFlight, settings }),
    commands: new JobCommands({ ...handOff, remoteCancel, registry, artifacts, defaults: options.defaults }),
    webhooks: new WebhookHandler(database, store, registry, executor, outcomes, logger),
    createSweeper: (sweeperSettings) =>
      new LeaseSweeper(handOff, remoteCancel, {
        ...sweeperSettings,
        leaseMs: settings.leaseMs,
        maxAttempts: settings.maxAttempts,
      }),
  };
}
