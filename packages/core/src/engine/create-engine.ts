import type Logger from 'bunyan';
import PgBoss from 'pg-boss';
import { z } from 'zod';
import type { ArtifactStore } from '../artifacts/artifact-store.js';
import type { BriefRequest } from '../templates/resolve-brief-template.js';
import { LooplyError } from '../errors/looply-error.js';
import { parseWith } from '../errors/validation.js';
import { EventPublisher } from '../events/event-publisher.js';
import { followJob, type FollowJobOptions, type JobFollow } from '../events/follow-job.js';
import type { JobEvent } from '../events/job-event.js';
import { notificationChannelsFor, type NotificationChannels } from '../events/notification-channels.js';
import { TypedEventEmitter, type EngineEventEmitter, type EngineEvents } from '../events/typed-event-emitter.js';
import { createOrm } from '../persistence/create-orm.js';
import type { Timeline } from '../timeline/timeline.js';
import { readRenderedTimeline } from './rendered-timeline.js';
import { Database } from '../persistence/database.js';
import { queueSchemaFor } from '../persistence/database-schema-name.js';
import { applyMigrations } from '../persistence/run-migrations.js';
import { underStartupLock } from '../persistence/startup-lock.js';
import { InFlightSteps } from '../runner/in-flight-steps.js';
import { JobEventSubscriptions } from '../runner/job-event-subscriptions.js';
import type { LeaseSweeper } from '../runner/lease-sweeper.js';
import { NotificationListener } from '../runner/notification-listener.js';
import { createRunnerParts, type RunnerParts } from '../runner/runner-parts.js';
import { createStepQueues, readySignalSchema } from '../runner/step-queues.js';
import { abortMessageSchema } from '../runner/transitions/abort-message.js';
import { WorkerPool } from '../runner/worker-pool.js';
import type { WebhookRequestV1 } from '../spec/shared/v1/long-running-v1.js';
import { engineOptionsSchema, type EngineOptions, type ResolvedEngineOptions } from './engine-options.js';
import type { Engine, ListJobsQuery, SubmitJobOptions } from './engine.js';
import { isJobId, listJobs, readJob } from './job-reads.js';
import type { JobView } from './job-view.js';
import { createQuietLogger } from './quiet-logger.js';

/** Everything `start()` opens. */
interface Runtime extends RunnerParts {
  database: Database;
  boss: PgBoss;
  listener: NotificationListener;
}

/** Queue connections per engine: sends in transactions use ORM connections, so few are needed. */
const QUEUE_POOL_SIZE = 3;

/** Builds an engine. Nothing connects until `start()`. */
export function createEngine(options: EngineOptions): Engine {
  return new LooplyEngine(options);
}

class LooplyEngine implements Engine {
  readonly events: EngineEventEmitter = new TypedEventEmitter<EngineEvents>();
  readonly artifacts: ArtifactStore;
  private readonly options: ResolvedEngineOptions;
  private readonly logger: Logger;
  private readonly channels: NotificationChannels;
  private readonly inFlight = new InFlightSteps();
  private readonly subscriptions: JobEventSubscriptions;
  private runtime: Runtime | undefined;
  private starting: Promise<Runtime> | undefined;
  private stopping: Promise<void> | undefined;
  private pool: WorkerPool | undefined;
  private sweeper: LeaseSweeper | undefined;

  constructor(options: EngineOptions) {
    this.options = parseWith(engineOptionsSchema, options, 'createEngine options');
    this.artifacts = this.options.artifacts;
    this.logger = (this.options.logger ?? createQuietLogger()).child({
      component: 'looply-engine',
      workerId: this.options.workerId,
    });
    this.channels = notificationChannelsFor(this.options.schema);
    this.subscriptions = new JobEventSubscriptions(this.logger);
  }

  async start(): Promise<void> {
    if (this.stopping) throw new LooplyError('engine-stopped', 'This engine was stopped; create a new one');
    this.starting ??= this.open().catch((error: unknown) => {
      this.starting = undefined;
      throw error;
    });
    this.runtime = await this.starting;
  }

  private async open(): Promise<Runtime> {
    const { databaseUrl, schema, worker } = this.options;
    const orm = await createOrm({
      databaseUrl,
      schema,
      logger: this.logger,
      poolSize: Math.max(4, worker.concurrency + 2),
    });
    let boss: PgBoss | undefined;
    let listener: NotificationListener | undefined;
    try {
      const database = new Database(orm, schema, this.logger);
      // Steps this process queues can start here without waiting for the NOTIFY to come back.
      database.onCommittedNotification = (channel, payload) => {
        if (channel === this.channels.ready) this.onNotification(channel, payload);
      };
      boss = new PgBoss({
        connectionString: databaseUrl,
        schema: queueSchemaFor(schema),
        max: QUEUE_POOL_SIZE,
        application_name: 'looply-queue',
        schedule: false,
        supervise: true,
        migrate: true,
      });
      boss.on('error', (error) => this.logger.warn({ err: error }, 'pg-boss reported an error'));
      const queue = boss;
      // Our tables and pg-boss's under one lock: processes starting together would deadlock otherwise.
      const applied = await underStartupLock(databaseUrl, async () => {
        const names = await applyMigrations(orm);
        await queue.start();
        await createStepQueues(queue);
        return names;
      });
      if (applied.length > 0) this.logger.info({ applied }, 'migrations applied');
      const parts = createRunnerParts({
        workerId: this.options.workerId,
        database,
        boss,
        channels: this.channels,
        publisher: new EventPublisher(this.channels.events, this.events, this.logger),
        inFlight: this.inFlight,
        registry: this.options.registry,
        artifacts: this.artifacts,
        providerOptions: this.options.providerOptions,
        outputCheck: this.options.outputCheck,
        defaults: this.options.defaults,
        settings: worker,
        logger: this.logger,
      });
      listener = new NotificationListener({
        databaseUrl,
        channels: [this.channels.ready, this.channels.control, this.channels.events],
        logger: this.logger,
        onNotification: (channel, payload) => this.onNotification(channel, payload),
        // Whatever was signalled while disconnected: fetch now rather than at the fallback.
        onConnected: () => this.pool?.wake(),
      });
      await listener.start();
      this.logger.info({ schema }, 'engine started');
      return { database, boss, listener, ...parts };
    } catch (error) {
      await listener?.stop().catch(() => undefined);
      await boss?.stop({ graceful: false, close: true }).catch(() => undefined);
      await orm.close(true).catch(() => undefined);
      throw error;
    }
  }

  private onNotification(channel: string, payload: string): void {
    try {
      if (channel === this.channels.ready) {
        if (!this.pool) return;
        const signal = readySignalSchema.parse(JSON.parse(payload));
        this.pool.wake(signal.queue, signal.notBefore);
      } else if (channel === this.channels.control) {
        const message = abortMessageSchema.parse(JSON.parse(payload));
        const aborted = this.inFlight.abortJob(message.jobId, message.reason);
        if (aborted > 0)
          this.logger.info({ jobId: message.jobId, reason: message.reason, aborted }, 'aborted running steps');
      } else if (channel === this.channels.events) {
        this.subscriptions.deliver(payload);
      }
    } catch (error) {
      this.logger.warn({ err: error, channel }, 'unreadable notification');
    }
  }

  private started(): Runtime {
    if (this.stopping) throw new LooplyError('engine-stopped', 'This engine was stopped; create a new one');
    if (!this.runtime) throw new LooplyError('engine-not-started', 'Call engine.start() first');
    return this.runtime;
  }

  async startWorkers(options?: { concurrency?: number }): Promise<void> {
    const runtime = this.started();
    if (this.pool) return;
    const { concurrency } = parseWith(
      z.strictObject({ concurrency: z.number().int().min(1).max(256).optional() }),
      options ?? {},
      'startWorkers options',
    );
    const worker = this.options.worker;
    this.pool = new WorkerPool(
      runtime.boss,
      (queue, message) => runtime.processor.handle(queue, message),
      { concurrency: concurrency ?? worker.concurrency, fallbackFetchIntervalMs: worker.fallbackFetchIntervalMs },
      this.logger,
    );
    this.sweeper = runtime.createSweeper({
      intervalMs: worker.sweepIntervalMs ?? Math.min(15_000, Math.max(50, Math.floor(worker.leaseMs / 2))),
      queueSchema: queueSchemaFor(this.options.schema),
    });
    this.pool.start();
    this.sweeper.start();
    this.logger.info({ concurrency: concurrency ?? worker.concurrency }, 'workers started');
  }

  async submit(brief: BriefRequest, options?: SubmitJobOptions): Promise<JobView> {
    const jobId = await this.started().commands.submit(brief, options);
    return this.getExisting(jobId);
  }

  async get(id: string): Promise<JobView | null> {
    return readJob(this.started().database.em(), id);
  }

  async renderedTimeline(id: string): Promise<Timeline | null> {
    const runtime = this.started();
    return isJobId(id) ? readRenderedTimeline(runtime.store, id) : null;
  }

  private async getExisting(id: string): Promise<JobView> {
    const view = await this.get(id);
    if (!view) throw new LooplyError('not-found', `No video job with id "${id}"`);
    return view;
  }

  async list(query?: ListJobsQuery): Promise<{ items: JobView[]; total: number }> {
    return listJobs(this.started().database.em(), query);
  }

  async cancel(id: string): Promise<JobView> {
    await this.started().commands.cancel(id);
    return this.getExisting(id);
  }

  async retry(id: string): Promise<JobView> {
    await this.started().commands.retry(id);
    return this.getExisting(id);
  }

  async delete(id: string): Promise<void> {
    await this.started().commands.delete(id);
  }

  async handleWebhook(providerId: string, request: WebhookRequestV1): Promise<{ accepted: boolean }> {
    return this.started().webhooks.handle(providerId, request);
  }

  async subscribe(jobId: string, listener: (event: JobEvent) => void): Promise<() => Promise<void>> {
    this.started();
    const remove = this.subscriptions.add(jobId, listener);
    return async () => remove();
  }

  follow(jobId: string, options?: FollowJobOptions): JobFollow {
    // `this`, not its parts: the follower goes through `subscribe` and `get` like any caller.
    return followJob(this, jobId, options);
  }

  stop(): Promise<void> {
    this.stopping ??= this.close();
    return this.stopping;
  }

  private async close(): Promise<void> {
    const runtime = await this.starting?.catch(() => undefined);
    const shutdownTimeoutMs = this.options.worker.shutdownTimeoutMs;
    if (this.pool) {
      await this.pool.stop();
      await this.sweeper?.stop();
      if (!(await this.inFlight.settled(shutdownTimeoutMs))) {
        this.logger.info({ running: this.inFlight.size }, 'shutdown timeout: aborting running steps');
        this.inFlight.abortAll('shutdown');
        if (!(await this.inFlight.settled(Math.max(1000, shutdownTimeoutMs)))) {
          this.logger.warn({ running: this.inFlight.size }, 'steps ignored the abort; their leases will expire');
        }
      }
    }
    this.subscriptions.clear();
    if (runtime) {
      await runtime.listener.stop();
      await runtime.boss
        .stop({ graceful: false, close: true, wait: true })
        .catch((error: unknown) => this.logger.warn({ err: error }, 'pg-boss stop failed'));
      await runtime.database.close();
    }
    this.runtime = undefined;
    this.logger.info('engine stopped');
  }
}
