import type Logger from 'bunyan';
import type { StepKind } from '../domain/brief.js';
import { LooplyError } from '../errors/looply-error.js';
import type { Database } from '../persistence/database.js';
import { isTerminalJobStatus } from '../persistence/job-status.js';
import type { ProviderRegistry } from '../registry/provider-registry.js';
import type { AssemblyProviderV1 } from '../spec/assembly/v1/assembly-provider-v1.js';
import type { WebhookRequestV1, WebhookResultV1 } from '../spec/shared/v1/long-running-v1.js';
import type { VisualProviderV1 } from '../spec/visual/v1/visual-provider-v1.js';
import type { StepExecutor } from './step-executor.js';
import type { StepOutcomes } from './step-outcomes.js';
import { describeStep, toStepRunState } from './step-run-state.js';
import type { StepRunStore } from './step-run-store.js';
import { STEP_DESCRIPTORS } from './steps/step-descriptors.js';

const CONFIRMATION_TIMEOUT_MS = 60_000;

/**
 * A provider's callback: the provider verifies and parses it, we find the WAITING step by its
 * external id, confirm with `doStatus` (a webhook is a hint, never the result) and settle the
 * step with the same compare-and-set as a poll. A replayed delivery, or one about an older
 * attempt (whose external id is no longer the step's), changes nothing.
 */
export class WebhookHandler {
  constructor(
    private readonly database: Database,
    private readonly store: StepRunStore,
    private readonly registry: ProviderRegistry,
    private readonly executor: StepExecutor,
    private readonly outcomes: StepOutcomes,
    private readonly logger: Logger,
  ) {}

  async handle(providerId: string, request: WebhookRequestV1): Promise<{ accepted: boolean }> {
    const candidates: Array<{ kind: StepKind; provider: VisualProviderV1 | AssemblyProviderV1 }> = [];
    for (const { kind, longRunning } of Object.values(STEP_DESCRIPTORS)) {
      if (longRunning && this.registry.has(kind, providerId))
        candidates.push({ kind, provider: longRunning.provider(this.registry, providerId) });
    }
    const parsers = candidates.filter(
      (candidate) => candidate.provider.mode === 'long-running' && candidate.provider.parseWebhook,
    );
    if (parsers.length === 0) {
      throw new LooplyError(
        'webhook-not-supported',
        `No long-running visual or assembly provider "${providerId}" with webhooks is registered`,
      );
    }
    let parsed: { kind: StepKind; result: WebhookResultV1 } | undefined;
    for (const { kind, provider } of parsers) {
      if (provider.mode !== 'long-running' || !provider.parseWebhook) continue;
      // A bad signature throws: the caller answers 401.
      const result = await provider.parseWebhook(request);
      if (result) {
        parsed = { kind, result };
        break;
      }
    }
    if (!parsed) return { accepted: false };
    const { rows } = await this.database.query(
      `select * from ${this.database.table('step_run')} where provider = $1 and external_id = $2 and step = $3 order by updated_at desc limit 1`,
      [providerId, parsed.result.externalId, parsed.kind],
    );
    if (!rows[0]) {
      this.logger.info(
        { provider: providerId, externalId: parsed.result.externalId },
        'webhook for an unknown external id',
      );
      return { accepted: false };
    }
    const step = toStepRunState(rows[0]);
    const log = this.logger.child({
      jobId: step.jobId,
      step: describeStep(step),
      provider: step.provider,
      attempt: step.attempt,
    });
    if (step.status !== 'WAITING' || parsed.result.status === 'pending') {
      log.debug(
        { status: step.status, reported: parsed.result.status, deliveryId: parsed.result.deliveryId },
        'webhook changes nothing',
      );
      return { accepted: true };
    }
    const job = await this.store.findJob(step.jobId);
    if (!job || isTerminalJobStatus(job.status)) return { accepted: true };
    try {
      const status = await this.executor.status(step, AbortSignal.timeout(CONFIRMATION_TIMEOUT_MS));
      await this.outcomes.settle(job, step, status, undefined, log);
    } catch (error) {
      // The poller keeps going; the vendor need not redeliver.
      log.warn({ err: error }, 'could not confirm a webhook with doStatus');
    }
    return { accepted: true };
  }
}
