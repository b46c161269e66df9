import {
  AbortedError,
  ProviderError,
  throwIfAborted,
  type ShortVisualProviderV1,
  type VisualCallOptionsV1,
  type VisualResultV1,
} from '@looply/core';
import { acmeError } from './acme-error.js';
import { acmeSettingsSchema, DEFAULT_ACME_BASE_URL, type AcmeSettings } from './acme-settings.js';

/** What one image costs at Acme (for the job's cost report). */
const COST_PER_IMAGE_USD = 0.002;

/** A short visual provider: one `POST /v1/images` per scene, the PNG stored under the call's prefix. */
export function createAcmeVisualProvider(settings: AcmeSettings = {}): ShortVisualProviderV1 {
  const options = acmeSettingsSchema.parse(settings);
  return {
    specificationVersion: 'v1',
    kind: 'visual',
    provider: 'acme',
    mode: 'short',
    async doGenerate(call: VisualCallOptionsV1): Promise<VisualResultV1> {
      throwIfAborted(call.abortSignal);
      const apiKey = options.apiKey ?? process.env.ACME_API_KEY;
      if (!apiKey) throw new ProviderError({ provider: 'acme', message: 'ACME_API_KEY is not set', retryable: false });
      const baseURL = (options.baseURL ?? process.env.ACME_BASE_URL ?? DEFAULT_ACME_BASE_URL).replace(/\/$/, '');
      let response: Response;
      try {
        response = await (options.fetch ?? fetch)(`${baseURL}/v1/images`, {
          method: 'POST',
          headers: {
            ...options.headers,
            authorization: `Bearer ${apiKey}`,
            'content-type': 'application/json',
            'idempotency-key': call.idempotencyKey,
          },
          body: JSON.stringify({
            prompt: `${call.scene.prompt.positive}, ${call.style.promptSuffix}`,
            negative_prompt: call.scene.prompt.negative,
            width: call.output.width,
            height: call.output.height,
          }),
          signal: call.abortSignal,
        });
      } catch (error) {
        if (call.abortSignal.aborted) throw new AbortedError();
        throw new ProviderError({
          provider: 'acme',
          message: `Acme Images could not be reached: ${String(error)}`,
          retryable: true,
          cause: error,
        });
      }
      if (!response.ok) throw await acmeError(response);
      const image = Buffer.from(await response.arrayBuffer());
      throwIfAborted(call.abortSignal);
      const artifact = await call.artifacts.put(`${call.artifactPrefix}/image.png`, image, {
        contentType: 'image/png',
      });
      return {
        visual: {
          sceneIndex: call.scene.index,
          kind: 'image',
          artifact,
          width: call.output.width,
          height: call.output.height,
        },
        usage: { images: 1, costUsd: COST_PER_IMAGE_USD },
        warnings: [],
      };
    },
  };
}
