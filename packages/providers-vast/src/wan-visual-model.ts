import {
  ProviderError,
  parseWith,
  throwIfAborted,
  type LongRunningVisualProviderV1,
  type StartResultV1,
  type StatusOptionsV1,
  type StatusResultV1,
  type VisualCallOptionsV1,
  type VisualResultV1,
  type WebhookRequestV1,
  type WebhookResultV1,
} from '@looply/core';
import { z } from 'zod';
import { WRAPPER_FAILED_STATUSES, WRAPPER_PENDING_STATUSES, wrapperFailureText } from './comfy-wrapper-result.js';
import { deriveSeed } from './derive-seed.js';
import { VAST_PROVIDER_ID } from './vast-provider-id.js';
import { vastVisualSettingsSchema, type ResolvedVastVisualSettings } from './vast-settings.js';
import { WAN_A14B_RESOLUTIONS, WAN_MODELS, wanClipFormat } from './wan-models.js';
import { wanNegativePrompt } from './wan-negative-prompt.js';
import { wanRequestId } from './wan-request-id.js';
import { wanVisualOperationSchema, type WanVisualOperation } from './wan-visual-operation.js';
import { buildWanWorkflow, fillWorkflowTemplate, type ComfyWorkflow } from './wan-workflow.js';
import { hasValidSignature } from './webhook-signature.js';
import { createWanClient, wanEndpointUrl, wanWebhook, wanWebhookSecret } from './wan-connection.js';
import { storeWanClip } from './store-wan-clip.js';
import { parseWanWebhookBody } from './wan-webhook-body.js';

/** Per-call overrides under `providerOptions.vast`. */
const callOptionsSchema = z.strictObject({
  model: z.enum(WAN_MODELS).optional(),
  a14bResolution: z.enum(WAN_A14B_RESOLUTIONS).optional(),
  frames: z.number().int().min(5).max(481).optional(),
  steps: z.number().int().min(1).max(200).optional(),
});

/**
 * A scene clip from WAN 2.2 text-to-video on a ComfyUI instance (Vast.ai template) through the
 * ai-dock API wrapper: `doStart` queues `POST /generate`, `doStatus` reads `GET /result/{id}` and
 * copies the finished clip into the artifact store; webhooks (when `publicBaseUrl` is set) only wake
 * the runner, which confirms with `doStatus`.
 */
export class WanVisualModel implements LongRunningVisualProviderV1 {
  readonly specificationVersion = 'v1' as const;
  readonly kind = 'visual' as const;
  readonly mode = 'long-running' as const;
  readonly provider = VAST_PROVIDER_ID;
  private readonly settings: ResolvedVastVisualSettings;

  constructor(settings: z.input<typeof vastVisualSettingsSchema> = {}) {
    this.settings = parseWith(vastVisualSettingsSchema, settings, 'WAN visual settings');
  }

  get modelId(): string {
    return this.settings.model;
  }

  async doStart(options: VisualCallOptionsV1): Promise<StartResultV1> {
    throwIfAborted(options.abortSignal);
    const client = createWanClient(this.settings);
    const overrides = parseWith(
      callOptionsSchema,
      options.providerOptions?.[VAST_PROVIDER_ID] ?? {},
      'providerOptions.vast',
    );
    const format = wanClipFormat(overrides.model ?? this.settings.model, options.output, {
      a14bResolution: overrides.a14bResolution ?? this.settings.a14bResolution,
      frames: overrides.frames ?? this.settings.frames,
    });
    const workflow = this.workflow(options, format, overrides.steps ?? this.settings.steps);
    const maxAttempts = this.settings.maxGenerationAttempts;
    const failures: string[] = [];
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      const requestId = wanRequestId(options.idempotencyKey, attempt);
      const existing = await client.result(requestId, options.abortSignal);
      if (existing && WRAPPER_FAILED_STATUSES.has(existing.status)) {
        failures.push(wrapperFailureText(existing));
        continue;
      }
      if (!existing)
        await client.generate({ requestId, workflow, webhook: wanWebhook(this.settings) }, options.abortSignal);
      const operation: WanVisualOperation = {
        requestId,
        attempt,
        maxAttempts,
        submittedAt: Date.now(),
        sceneIndex: options.scene.index,
        format,
        endpointUrl: wanEndpointUrl(this.settings),
      };
      // Kept on the job: which remote request makes this scene, and where.
      const metadata = { cloudProvider: VAST_PROVIDER_ID, vastJobId: requestId, endpointUrl: operation.endpointUrl };
      return { operation, externalId: requestId, pollAfterMs: this.settings.pollIntervalMs, metadata };
    }
    throw new ProviderError({
      provider: VAST_PROVIDER_ID,
      message: `WAN 2.2 generation of scene ${options.scene.index} failed ${maxAttempts} times; last ComfyUI error: ${failures.at(-1) ?? 'unknown'}`,
      retryable: false,
      code: 'generation-failed',
    });
  }

  async doStatus(options: StatusOptionsV1): Promise<StatusResultV1<VisualResultV1>> {
    throwIfAborted(options.abortSignal);
    const operation = parseWith(wanVisualOperationSchema, options.operation, 'WAN visual operation');
    const client = createWanClient(this.settings);
    const result = await client.result(operation.requestId, options.abortSignal);
    const retryable = operation.attempt < operation.maxAttempts;
    if (!result) {
      return {
        status: 'error',
        message: `The ComfyUI API wrapper no longer knows generation ${operation.requestId} (instance restarted?)`,
        retryable,
      };
    }
    if (result.status === 'completed') {
      const stored = await storeWanClip(result, operation, options, client, this.settings);
      return {
        status: 'completed',
        result: stored.result,
        metadata: { cloudProvider: VAST_PROVIDER_ID, vastJobId: operation.requestId, ...stored.source },
      };
    }
    if (WRAPPER_FAILED_STATUSES.has(result.status)) {
      const attempts = retryable ? '' : ` (attempt ${operation.attempt} of ${operation.maxAttempts}, giving up)`;
      return {
        status: 'error',
        message: `WAN 2.2 generation ${operation.requestId} ${result.status}${attempts}: ${wrapperFailureText(result)}`,
        retryable,
      };
    }
    const elapsedMs = Date.now() - operation.submittedAt;
    if (elapsedMs > this.settings.generationTimeoutMs) {
      await client.cancel(operation.requestId, options.abortSignal).catch(() => undefined);
      return {
        status: 'error',
        message: `WAN 2.2 generation ${operation.requestId} did not finish within ${Math.round(this.settings.generationTimeoutMs / 1000)} s (still "${result.status}"); cancelled it`,
        retryable: false,
      };
    }
    // Unknown statuses (a newer wrapper) count as still running; the time limit bounds them.
    return { status: 'pending', progress: progressOf(result.status), pollAfterMs: this.settings.pollIntervalMs };
  }

  async parseWebhook(request: WebhookRequestV1): Promise<WebhookResultV1 | null> {
    const secret = wanWebhookSecret(this.settings);
    if (secret && !hasValidSignature(request.headers, request.body, secret)) {
      throw new ProviderError({
        provider: VAST_PROVIDER_ID,
        message: 'WAN webhook rejected: missing or wrong HMAC-SHA256 signature (check WAN_WEBHOOK_SECRET)',
        retryable: false,
        code: 'bad-signature',
      });
    }
    return parseWanWebhookBody(request.body);
  }

  async doCancel(options: Pick<StatusOptionsV1, 'operation' | 'abortSignal'>): Promise<void> {
    const operation = parseWith(wanVisualOperationSchema, options.operation, 'WAN visual operation');
    await createWanClient(this.settings).cancel(operation.requestId, options.abortSignal);
  }

  private workflow(
    options: VisualCallOptionsV1,
    format: ReturnType<typeof wanClipFormat>,
    steps: number | undefined,
  ): ComfyWorkflow {
    const inputs = {
      format,
      positivePrompt: [options.scene.prompt.positive, options.style.promptSuffix].filter(Boolean).join(', '),
      negativePrompt: wanNegativePrompt(options.scene.prompt.negative, options.style.negativePrompt),
      seed: deriveSeed(options.idempotencyKey),
      steps,
      filenamePrefix: `looply/scene-${options.scene.index}`,
    };
    return this.settings.workflowTemplate
      ? fillWorkflowTemplate(this.settings.workflowTemplate as ComfyWorkflow, inputs)
      : buildWanWorkflow(inputs);
  }
}

function progressOf(status: string): number | undefined {
  const index = (WRAPPER_PENDING_STATUSES as readonly string[]).indexOf(status);
  return index < 0 ? undefined : index / WRAPPER_PENDING_STATUSES.length;
}
