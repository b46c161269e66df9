import { ProviderError, type SceneVisual, type StatusOptionsV1, type UsageV1, type VisualResultV1 } from '@looply/core';
import type { ComfyWrapperClient } from './comfy-wrapper-client.js';
import type { WrapperResult } from './comfy-wrapper-result.js';
import { VAST_PROVIDER_ID } from './vast-provider-id.js';
import type { ResolvedVastVisualSettings } from './vast-settings.js';
import { clipExtension, clipSource, pickClip, VIDEO_EXTENSIONS } from './wan-clip-output.js';
import type { WanVisualOperation } from './wan-visual-operation.js';

/** Copies the clip into the artifact store; `source` says where it came from (a presigned URL without its signature). */
export async function storeWanClip(
  result: WrapperResult,
  operation: WanVisualOperation,
  options: StatusOptionsV1,
  client: ComfyWrapperClient,
  settings: Pick<ResolvedVastVisualSettings, 'gpuPricePerHourUsd' | 'comfyUiUrl'>,
): Promise<{ result: VisualResultV1; source: { clipDelivery: 'base64' | 'url' | 'view'; clipUrl?: string } }> {
  const output = pickClip(result.output ?? []);
  if (!output) {
    throw new ProviderError({
      provider: VAST_PROVIDER_ID,
      message: `WAN 2.2 generation ${operation.requestId} completed without a video output (outputs: ${(result.output ?? []).map((entry) => entry.filename ?? '?').join(', ') || 'none'})`,
      retryable: false,
      code: 'no-output',
    });
  }
  const bytes = output.data
    ? Buffer.from(output.data, 'base64')
    : output.url
      ? await client.download({ url: output.url }, options.abortSignal)
      : await client.download(
          {
            filename: output.filename ?? '',
            subfolder: output.subfolder ?? undefined,
            type: output.type ?? undefined,
          },
          options.abortSignal,
        );
  if (bytes.length === 0) {
    throw new ProviderError({
      provider: VAST_PROVIDER_ID,
      message: `WAN 2.2 generation ${operation.requestId}: the clip ${output.filename ?? ''} is empty`,
      retryable: true,
    });
  }
  const extension = clipExtension(output);
  const artifact = await options.artifacts.put(`${options.artifactPrefix}/clip.${extension}`, bytes, {
    contentType: output.mimetype ?? VIDEO_EXTENSIONS[extension] ?? 'video/mp4',
  });
  const { format } = operation;
  const visual: SceneVisual = {
    sceneIndex: operation.sceneIndex,
    kind: 'video',
    artifact,
    width: format.width,
    height: format.height,
    durationSec: format.frames / format.fps,
  };
  const usage: UsageV1 = {};
  const timings = result.timings;
  const milliseconds = (timings?.preprocess_ms ?? 0) + (timings?.generation_ms ?? 0) + (timings?.postprocess_ms ?? 0);
  if (milliseconds > 0) {
    usage.gpuSeconds = milliseconds / 1000;
    if (settings.gpuPricePerHourUsd !== undefined)
      usage.costUsd = (usage.gpuSeconds / 3600) * settings.gpuPricePerHourUsd;
  }
  const warnings: VisualResultV1['warnings'] = [];
  if (usage.costUsd === undefined)
    warnings.push({
      type: 'other',
      message: 'No GPU price configured (gpuPricePerHourUsd): usage.costUsd is left out',
    });
  return {
    result: { visual, usage, warnings },
    source: clipSource(output, settings.comfyUiUrl ?? operation.endpointUrl),
  };
}
