import { randomBytes } from 'node:crypto';
import {
  ProviderError,
  parseWith,
  throwIfAborted,
  type AssemblyCallOptionsV1,
  type AssemblyResultV1,
  type LongRunningAssemblyProviderV1,
  type StartResultV1,
  type StatusOptionsV1,
  type StatusResultV1,
  type WebhookRequestV1,
  type WebhookResultV1,
} from '@looply/core';
import { z } from 'zod';
import { isValidCallbackToken, issueCallbackToken } from './callback-token.js';
import { RequestSpacing } from './request-spacing.js';
import type { ShotstackClient } from './shotstack-client.js';
import { createShotstackClient, shotstackPublicBaseUrl } from './shotstack-connection.js';
import { timelineToEdit } from './shotstack-edit.js';
import { SHOTSTACK_PROVIDER_ID } from './shotstack-provider-id.js';
import {
  shotstackSettingsSchema,
  type ResolvedShotstackSettings,
  type ShotstackSettings,
} from './shotstack-settings.js';
import { captionsToSrt } from './subtitles-srt.js';

const operationSchema = z.strictObject({
  renderId: z.string().min(1),
  submittedAt: z.number().int().min(0),
  durationSec: z.number().positive(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
type ShotstackOperation = z.infer<typeof operationSchema>;

const callbackBodySchema = z.looseObject({
  type: z.string().nullish(),
  id: z.string().min(1),
  status: z.string().min(1),
});

/** Shotstack's render stages in order, for progress. */
const STAGES = ['queued', 'fetching', 'preprocessing', 'rendering', 'saving'];

/** How long Shotstack may fetch presigned assets: a render can wait in Shotstack's queue for hours. */
const ASSET_URL_TTL_SEC = 24 * 3600;

/**
 * Renders the Timeline on Shotstack: `doStart` stores the subtitles, signs every asset URL and
 * queues `POST render`; `doStatus` reads `GET render/{id}` and copies the finished MP4 into the
 * artifact store (Shotstack deletes it after 24 h). Callbacks only wake the runner.
 */
export class ShotstackAssemblyModel implements LongRunningAssemblyProviderV1 {
  readonly specificationVersion = 'v1' as const;
  readonly kind = 'assembly' as const;
  readonly mode = 'long-running' as const;
  readonly provider = SHOTSTACK_PROVIDER_ID;
  private readonly settings: ResolvedShotstackSettings;
  private readonly spacing: RequestSpacing;
  private readonly callbackSecret: string;

  constructor(settings: ShotstackSettings = {}) {
    this.settings = parseWith(shotstackSettingsSchema, settings, 'Shotstack settings');
    this.spacing = new RequestSpacing(this.settings.minRequestIntervalMs);
    this.callbackSecret = this.settings.callbackSecret ?? randomBytes(32).toString('hex');
  }

  async doStart(options: AssemblyCallOptionsV1): Promise<StartResultV1> {
    throwIfAborted(options.abortSignal);
    const configured = this.settings.artifactUrls;
    if (!configured && !options.artifacts.signedUrl) {
      throw new ProviderError({
        provider: SHOTSTACK_PROVIDER_ID,
        message:
          'Shotstack fetches every asset by URL: use an artifact store that signs URLs (LOOPLY_ARTIFACTS=s3://…), or configure signed artifact URLs (artifactUrls) served at a PUBLIC_BASE_URL reachable from the internet',
        retryable: false,
        code: 'not-configured',
      });
    }
    const client = this.client();
    const { timeline } = options;
    let subtitlesKey: string | undefined;
    if (timeline.captions.length > 0) {
      subtitlesKey = `${options.artifactPrefix}/captions.srt`;
      await options.artifacts.put(subtitlesKey, Buffer.from(captionsToSrt(timeline.captions), 'utf8'), {
        contentType: 'application/x-subrip',
      });
    }
    const assetUrl = await this.assetUrls(options, subtitlesKey);
    const { edit, warnings } = timelineToEdit({ timeline, assetUrl, subtitlesKey, callbackUrl: this.callbackUrl() });
    const renderId = await client.render(edit, options.abortSignal);
    const operation: ShotstackOperation = {
      renderId,
      submittedAt: Date.now(),
      durationSec: timeline.durationSec,
      width: timeline.output.width,
      height: timeline.output.height,
    };
    return { operation, externalId: renderId, pollAfterMs: this.settings.pollIntervalMs, warnings };
  }

  /**
   * URLs Shotstack fetches the assets from: presigned by the artifact store when it can sign (the
   * bucket serves them; `looply serve` need not be reachable), else from the configured signer.
   */
  private async assetUrls(
    options: AssemblyCallOptionsV1,
    subtitlesKey: string | undefined,
  ): Promise<(key: string) => string> {
    const store = options.artifacts;
    if (store.signedUrl) {
      const keys = new Set<string>();
      // A dry run of the mapping collects every key the edit refers to, so each is signed once.
      timelineToEdit({
        timeline: options.timeline,
        assetUrl: (key) => (keys.add(key), key),
        subtitlesKey,
        callbackUrl: undefined,
      });
      const signed = new Map(
        await Promise.all([...keys].map(async (key) => [key, await store.signedUrl!(key, ASSET_URL_TTL_SEC)] as const)),
      );
      return (key) => signed.get(key)!;
    }
    const configured = this.settings.artifactUrls!;
    const signer = typeof configured === 'function' ? await configured() : configured;
    return (key) => signer.url(key);
  }

  async doStatus(options: StatusOptionsV1): Promise<StatusResultV1<AssemblyResultV1>> {
    throwIfAborted(options.abortSignal);
    const operation = parseWith(operationSchema, options.operation, 'Shotstack operation');
    const client = this.client();
    const render = await client.status(operation.renderId, options.abortSignal);
    if (render.status === 'done') {
      if (!render.url)
        throw new ProviderError({
          provider: SHOTSTACK_PROVIDER_ID,
          message: `Shotstack render ${render.id} is done but has no url yet`,
          retryable: true,
        });
      const bytes = await client.download(render.url, options.abortSignal);
      const video = await options.artifacts.put(`${options.artifactPrefix}/video.mp4`, bytes, {
        contentType: 'video/mp4',
      });
      const result: AssemblyResultV1 = {
        video,
        durationSec: render.duration && render.duration > 0 ? render.duration : operation.durationSec,
        width: operation.width,
        height: operation.height,
        usage: render.renderTime ? { renderSeconds: render.renderTime / 1000 } : {},
        warnings: [],
      };
      return { status: 'completed', result };
    }
    if (render.status === 'failed') {
      return {
        status: 'error',
        message: `Shotstack render ${render.id} failed: ${render.error ?? 'no reason given'}`,
        retryable: false,
      };
    }
    if (Date.now() - operation.submittedAt > this.settings.renderTimeoutMs) {
      return {
        status: 'error',
        message: `Shotstack render ${render.id} did not finish within ${Math.round(this.settings.renderTimeoutMs / 1000)} s (still "${render.status}")`,
        retryable: false,
      };
    }
    const stage = STAGES.indexOf(render.status);
    return {
      status: 'pending',
      ...(stage >= 0 ? { progress: stage / STAGES.length } : {}),
      pollAfterMs: this.settings.pollIntervalMs,
    };
  }

  async parseWebhook(request: WebhookRequestV1): Promise<WebhookResultV1 | null> {
    if (!isValidCallbackToken(this.callbackSecret, request.query.nonce, request.query.token)) {
      throw new ProviderError({
        provider: SHOTSTACK_PROVIDER_ID,
        message: 'Shotstack callback refused: missing or wrong token in the callback URL',
        retryable: false,
        code: 'bad-token',
      });
    }
    let json: unknown;
    try {
      json = JSON.parse(request.body.toString('utf8'));
    } catch {
      return null;
    }
    const parsed = callbackBodySchema.safeParse(json);
    // Serve/destination callbacks (`type: "serve"`) are about copies, not the render.
    if (!parsed.success || (parsed.data.type && parsed.data.type !== 'edit')) return null;
    const { id, status } = parsed.data;
    return {
      externalId: id,
      status: status === 'done' ? 'completed' : status === 'failed' ? 'error' : 'pending',
      deliveryId: `${id}:${status}`,
    };
  }

  private callbackUrl(): string | undefined {
    const base = shotstackPublicBaseUrl(this.settings);
    if (!base) return undefined;
    const { nonce, token } = issueCallbackToken(this.callbackSecret);
    return `${base.replace(/\/+$/, '')}/api/v1/webhooks/${SHOTSTACK_PROVIDER_ID}?nonce=${nonce}&token=${token}`;
  }

  private client(): ShotstackClient {
    return createShotstackClient(this.settings, this.spacing);
  }
}
