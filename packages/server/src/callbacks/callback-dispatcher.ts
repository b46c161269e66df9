import { randomUUID } from 'node:crypto';
import { underStartupLock, type Engine, type JobEndEvent } from '@looply/core';
import type Logger from 'bunyan';
import PgBoss from 'pg-boss';
import type { ServerSettings } from '../config/server-settings.js';
import type { ServerDatabase } from '../persistence/server-database.js';
import { webhookHeaders } from '../webhooks/standard-webhooks.js';
import { callbackPayloadFor } from './callback-payload.js';
import { CallbackUrlPolicy, CallbackUrlRefusedError } from './callback-url-policy.js';
import { retryDelayMs } from './retry-delay.js';
import { sendCallback, type CallbackResponse } from './send-callback.js';

export const CALLBACK_QUEUE = 'looply-callback-delivery';

interface DeliveryRow {
  id: string;
  job_id: string;
  owner_id: string;
  event: string;
  url: string;
  payload: string;
  status: 'PENDING' | 'DELIVERED' | 'FAILED' | 'REFUSED';
  attempts: number;
}

export interface CallbackDispatcherOptions {
  database: ServerDatabase;
  engine: Engine;
  settings: Pick<ServerSettings, 'callbacks' | 'publicBaseUrl'>;
  logger: Logger;
  /** Default: the policy built from `settings.callbacks.allowlist` with the system resolver. */
  policy?: CallbackUrlPolicy;
}

/** The webhook-id of a delivery: stable across its retries. */
export function callbackMessageId(deliveryId: string): string {
  return `msg_${deliveryId.replaceAll('-', '')}`;
}

/**
 * Outbound callbacks. A job with a `callbackUrl` is recorded at submit (`subscribeToCallback`). When it ends,
 * whichever process ended it (the API for a cancel, a `looply worker` for the rest) sees the engine's
 * in-process `job-end` event and queues one delivery (a row + a pg-boss job, in one transaction); a
 * sweeper queues any that a crash left behind. Deliveries are signed (Standard Webhooks), sent to the
 * re-checked, pinned address, and retried with exponential backoff by queuing the next attempt.
 */
export class CallbackDispatcher {
  readonly policy: CallbackUrlPolicy;
  private boss: PgBoss | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private readonly log: Logger;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly onJobEnd = (event: JobEndEvent): void => {
    this.track(
      this.enqueueFor(event.jobId).catch((error: unknown) =>
        this.log.warn({ err: error, jobId: event.jobId }, 'could not queue a callback'),
      ),
    );
  };

  constructor(private readonly options: CallbackDispatcherOptions) {
    this.policy = options.policy ?? new CallbackUrlPolicy(options.settings.callbacks.allowlist);
    this.log = options.logger.child({ component: 'callbacks' });
  }

  /** Starts pg-boss, the job-end listener, the sweeper and (unless `deliver: false`) the delivery worker. */
  async start(options: { deliver?: boolean } = {}): Promise<void> {
    if (this.boss) return;
    const { database, engine, settings } = this.options;
    const boss = new PgBoss({
      connectionString: database.databaseUrl,
      schema: database.queueSchema,
      max: 2,
      application_name: 'looply-callbacks',
      schedule: false,
      supervise: true,
      migrate: true,
    });
    boss.on('error', (error) => this.log.warn({ err: error }, 'pg-boss reported an error'));
    // pg-boss installs its tables on first start: under the startup lock, like every installer.
    await underStartupLock(database.databaseUrl, async () => {
      await boss.start();
      await boss.createQueue(CALLBACK_QUEUE, {
        name: CALLBACK_QUEUE,
        retryLimit: 2,
        retryDelay: 5,
        expireInSeconds: Math.ceil(settings.callbacks.timeoutMs / 1000) + 60,
      });
    });
    this.boss = boss;
    engine.events.on('job-end', this.onJobEnd);
    this.sweepTimer = setInterval(
      () => this.track(this.sweep().catch((error: unknown) => this.log.warn({ err: error }, 'callback sweep failed'))),
      settings.callbacks.sweepIntervalMs,
    );
    this.sweepTimer.unref();
    if (options.deliver !== false) {
      await boss.work<{ deliveryId: string }>(
        CALLBACK_QUEUE,
        { batchSize: 1, pollingIntervalSeconds: settings.callbacks.pollIntervalSeconds },
        async ([job]) => {
          if (job) await this.deliver(job.data.deliveryId);
        },
      );
    }
  }

  /** Queues the job's delivery if it has a callback, has ended and was not queued yet. Returns the delivery id. */
  async enqueueFor(jobId: string): Promise<string | null> {
    const { database, engine, settings } = this.options;
    const boss = this.requireBoss();
    const job = await engine.get(jobId);
    return database.transaction(async (transaction) => {
      const { rows } = await transaction.query<{ owner_id: string; url: string }>(
        `select "owner_id", "url" from ${database.table('callback_subscription')} where "job_id" = $1 and "enqueued_at" is null for update skip locked`,
        [jobId],
      );
      const subscription = rows[0];
      if (!subscription) return null;
      if (!job) {
        // Deleted before it ended: nothing to report.
        await transaction.query(`delete from ${database.table('callback_subscription')} where "job_id" = $1`, [jobId]);
        return null;
      }
      const payload = callbackPayloadFor(job, settings.publicBaseUrl);
      if (!payload) return null;
      const inserted = await transaction.query<{ id: string }>(
        `insert into ${database.table('callback_delivery')} ("id", "job_id", "owner_id", "event", "url", "payload", "status")
           values ($1, $2, $3, $4, $5, $6, 'PENDING') on conflict ("job_id", "event") do nothing returning "id"`,
        [randomUUID(), jobId, subscription.owner_id, payload.type, subscription.url, JSON.stringify(payload)],
      );
      const deliveryId = inserted.rows[0]?.id;
      if (deliveryId) await boss.send(CALLBACK_QUEUE, { deliveryId }, { db: transaction.queueDatabase });
      await transaction.query(
        `update ${database.table('callback_subscription')} set "enqueued_at" = now() where "job_id" = $1`,
        [jobId],
      );
      if (deliveryId) this.log.info({ jobId, deliveryId, event: payload.type }, 'callback queued');
      return deliveryId ?? null;
    });
  }

  /** Queues deliveries for ended jobs whose job-end event was never handled (the process died first). */
  async sweep(): Promise<number> {
    const { database } = this.options;
    const { rows } = await database.query<{ job_id: string }>(
      `select "job_id" from ${database.table('callback_subscription')} where "enqueued_at" is null order by "created_at" limit 500`,
    );
    let queued = 0;
    for (const { job_id: jobId } of rows) if (await this.enqueueFor(jobId)) queued++;
    return queued;
  }

  /** One delivery attempt (the queue worker's handler). */
  async deliver(deliveryId: string): Promise<void> {
    const { database, settings } = this.options;
    const { rows } = await database.query<DeliveryRow>(
      `select * from ${database.table('callback_delivery')} where "id" = $1`,
      [deliveryId],
    );
    const delivery = rows[0];
    if (!delivery || delivery.status !== 'PENDING') return;
    const log = this.log.child({ jobId: delivery.job_id, deliveryId, attempt: delivery.attempts + 1 });
    let target;
    try {
      // Checked again now: the name may resolve elsewhere than at submit time.
      target = await this.policy.check(delivery.url);
    } catch (error) {
      if (!(error instanceof CallbackUrlRefusedError)) throw error;
      log.warn({ reason: error.message }, 'callback refused at delivery time');
      await this.finish(deliveryId, 'REFUSED', { error: error.message });
      return;
    }
    const secret = await database.query<{ callback_secret: string }>(
      `select "callback_secret" from ${database.table('user_account')} where "id" = $1`,
      [delivery.owner_id],
    );
    if (!secret.rows[0]) {
      await this.finish(deliveryId, 'FAILED', { error: 'the owner no longer exists' });
      return;
    }
    const headers = webhookHeaders({
      secret: secret.rows[0].callback_secret,
      id: callbackMessageId(deliveryId),
      timestamp: new Date(),
      payload: delivery.payload,
    });
    let response: CallbackResponse | undefined;
    let failure: string | undefined;
    try {
      response = await sendCallback(target, headers, delivery.payload, settings.callbacks.timeoutMs);
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    if (response && response.status >= 200 && response.status < 300) {
      log.info({ status: response.status }, 'callback delivered');
      await this.finish(deliveryId, 'DELIVERED', { statusCode: response.status });
      return;
    }
    if (response?.status === 410) {
      log.warn('callback receiver answered 410 Gone: giving up');
      await this.finish(deliveryId, 'FAILED', { statusCode: 410, error: 'the receiver answered 410 Gone' });
      return;
    }
    const error =
      failure ??
      `the receiver answered ${response!.status}${response!.status >= 300 && response!.status < 400 ? ' (redirects are not followed)' : ''}`;
    const attempts = delivery.attempts + 1;
    if (attempts >= settings.callbacks.maxAttempts) {
      log.warn({ error }, 'callback failed for the last time');
      await this.finish(deliveryId, 'FAILED', { statusCode: response?.status, error, attempts });
      return;
    }
    const delay = retryDelayMs(attempts, settings.callbacks, response?.retryAfterSeconds);
    const nextAttemptAt = new Date(Date.now() + delay);
    await database.transaction(async (transaction) => {
      await transaction.query(
        `update ${database.table('callback_delivery')} set "attempts" = $2, "last_status_code" = $3, "last_error" = $4, "next_attempt_at" = $5, "updated_at" = now() where "id" = $1`,
        [deliveryId, attempts, response?.status ?? null, error, nextAttemptAt],
      );
      await this.requireBoss().send(
        CALLBACK_QUEUE,
        { deliveryId },
        { startAfter: nextAttemptAt, db: transaction.queueDatabase },
      );
    });
    log.info({ error, retryInMs: delay }, 'callback attempt failed: retry scheduled');
  }

  private async finish(
    deliveryId: string,
    status: 'DELIVERED' | 'FAILED' | 'REFUSED',
    outcome: { statusCode?: number; error?: string; attempts?: number },
  ): Promise<void> {
    const { database } = this.options;
    await database.query(
      `update ${database.table('callback_delivery')} set "status" = $2, "attempts" = coalesce($5, "attempts" + 1), "last_status_code" = $3, "last_error" = $4,
         "next_attempt_at" = null, "updated_at" = now(), "delivered_at" = case when $2 = 'DELIVERED' then now() else null end where "id" = $1`,
      [deliveryId, status, outcome.statusCode ?? null, outcome.error ?? null, outcome.attempts ?? null],
    );
  }

  private requireBoss(): PgBoss {
    if (!this.boss) throw new Error('CallbackDispatcher.start() was not called');
    return this.boss;
  }

  private track(work: Promise<unknown>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** Stops listening and delivering; lets queued work finish (pg-boss waits for the running delivery). */
  async stop(): Promise<void> {
    this.options.engine.events.off('job-end', this.onJobEnd);
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
    await Promise.allSettled([...this.inFlight]);
    const boss = this.boss;
    this.boss = undefined;
    await boss?.stop({ graceful: true, close: true, wait: true, timeout: 20_000 });
  }
}
