import {
  describeZodError,
  ProviderError,
  throwIfAborted,
  type SceneVisual,
  type ShortVisualProviderV1,
  type UsageV1,
  type VisualCallOptionsV1,
  type VisualResultV1,
} from '@looply/core';
import { openAIImagesResponseSchema, type OpenAIImageRequest } from './openai-api-types.js';
import { parseOpenAICallOptions } from './openai-call-options.js';
import { requestOptions, type OpenAIClientFactory } from './openai-client.js';
import { callOpenAI, OPENAI_PROVIDER_ID } from './openai-error.js';
import { imageModelFamily, nearestImageSize } from './openai-image-size.js';
import { DEFAULT_IMAGE_MODEL, openAIVisualCallOptionsSchema } from './openai-options.js';
import { imageCostUsd, type OpenAIPricing } from './openai-pricing.js';
import { applyStyle } from './apply-style.js';
import { coverFitImage } from './cover-fit-image.js';

export interface OpenAIVisualModelConfig {
  clients: OpenAIClientFactory;
  pricing: OpenAIPricing;
  model?: string;
  quality?: 'low' | 'medium' | 'high' | 'auto';
  timeoutMs: number;
  fetch?: typeof globalThis.fetch;
}

const PROMPT_LIMITS: Record<string, number> = { 'gpt-image': 32_000, 'dall-e-3': 4000, 'dall-e-2': 1000 };

function invalid(message: string, cause?: unknown): ProviderError {
  return new ProviderError({
    provider: OPENAI_PROVIDER_ID,
    message,
    retryable: false,
    code: 'invalid-response',
    cause,
  });
}

/** A still per scene from `/v1/images/generations`, cropped to the output size. */
export class OpenAIVisualModel implements ShortVisualProviderV1 {
  readonly specificationVersion = 'v1' as const;
  readonly kind = 'visual' as const;
  readonly mode = 'short' as const;
  readonly provider = OPENAI_PROVIDER_ID;

  constructor(private readonly config: OpenAIVisualModelConfig) {}

  get modelId(): string {
    return this.config.model ?? DEFAULT_IMAGE_MODEL;
  }

  async doGenerate(options: VisualCallOptionsV1): Promise<VisualResultV1> {
    throwIfAborted(options.abortSignal);
    const { options: callOptions, warnings } = parseOpenAICallOptions(
      openAIVisualCallOptionsSchema,
      options.providerOptions,
      'visual',
    );
    const model = callOptions.model ?? this.config.model ?? DEFAULT_IMAGE_MODEL;
    const family = imageModelFamily(model);
    const quality = callOptions.quality ?? this.config.quality ?? 'medium';
    const size = nearestImageSize(model, options.output);
    const prompt = imagePrompt(options).slice(0, PROMPT_LIMITS[family]);

    const body: OpenAIImageRequest = { model, prompt, n: 1, size };
    let billedQuality: NonNullable<OpenAIImageRequest['quality']> = quality;
    if (family === 'gpt-image') {
      // gpt-image models always answer in base64 and do not take response_format.
      body.quality = quality;
    } else {
      body.response_format = 'b64_json';
      if (family === 'dall-e-3') {
        billedQuality = quality === 'high' ? 'hd' : 'standard';
        body.quality = billedQuality;
      } else {
        billedQuality = 'standard';
        if (callOptions.quality ?? this.config.quality)
          warnings.push({ type: 'unsupported-setting', setting: 'quality', details: `${model} has one quality` });
      }
    }

    const client = this.config.clients.client();
    const timeoutMs = this.config.timeoutMs;
    const context = {
      operation: `image for scene ${options.scene.index}`,
      abortSignal: options.abortSignal,
      timeoutMs,
    };
    const raw = await callOpenAI(context, () =>
      client.images.generate(
        body,
        requestOptions({ abortSignal: options.abortSignal, idempotencyKey: options.idempotencyKey, timeoutMs }),
      ),
    );
    const parsed = openAIImagesResponseSchema.safeParse(raw);
    if (!parsed.success) throw invalid(describeZodError(parsed.error, `OpenAI images response (${model})`));
    const image = parsed.data.data[0];
    let bytes: Buffer;
    if (image.b64_json) bytes = Buffer.from(image.b64_json, 'base64');
    else if (image.url)
      bytes = await callOpenAI(context, () => this.download(image.url!, options.abortSignal, timeoutMs));
    else throw invalid(`OpenAI image for scene ${options.scene.index} (${model}) has neither b64_json nor url`);

    const { width, height } = options.output;
    let png: Buffer;
    try {
      png = await coverFitImage(bytes, width, height);
    } catch (error) {
      throw invalid(
        `OpenAI image for scene ${options.scene.index} (${model}) could not be decoded: ${(error as Error).message}`,
        error,
      );
    }
    const artifact = await options.artifacts.put(`${options.artifactPrefix}/still.png`, png, {
      contentType: 'image/png',
    });
    const visual: SceneVisual = { sceneIndex: options.scene.index, kind: 'image', artifact, width, height };

    const usage: UsageV1 = { images: 1 };
    const tokens = parsed.data.usage;
    if (tokens?.input_tokens != null) usage.inputTokens = tokens.input_tokens;
    if (tokens?.output_tokens != null) usage.outputTokens = tokens.output_tokens;
    const costUsd = imageCostUsd(
      this.config.pricing,
      model,
      parsed.data.quality ?? billedQuality,
      parsed.data.size ?? size,
    );
    if (costUsd === undefined)
      warnings.push({
        type: 'other',
        message: `No price known for OpenAI image model "${model}" at ${billedQuality} ${size}: usage.costUsd is left out`,
      });
    else usage.costUsd = costUsd;
    return { visual, usage, warnings };
  }

  /** dall-e answers may be URLs (valid for an hour); fetch the bytes right away. */
  private async download(url: string, signal: AbortSignal, timeoutMs: number): Promise<Buffer> {
    let response: Response;
    try {
      response = await (this.config.fetch ?? globalThis.fetch)(url, {
        signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
      });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new ProviderError({
        provider: OPENAI_PROVIDER_ID,
        message: `OpenAI image download failed: ${(error as Error).message}`,
        retryable: true,
        cause: error,
      });
    }
    if (!response.ok) {
      throw new ProviderError({
        provider: OPENAI_PROVIDER_ID,
        message: `OpenAI image download failed (${response.status})`,
        retryable: response.status >= 500,
        statusCode: response.status,
      });
    }
    return Buffer.from(await response.arrayBuffer());
  }
}

/** The scene's WAN-style prompt as a still: what to show, in the style, and what to avoid (image APIs take no negative prompt). */
function imagePrompt(options: VisualCallOptionsV1): string {
  const prompt = applyStyle(options.scene.prompt, options.style);
  return `${prompt.positive}. A single still frame, no text, no captions, no watermark. Avoid: ${prompt.negative}.`;
}
