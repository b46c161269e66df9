import type { TestClipFormat } from './make-test-clip.js';
import type { FakeClipDelivery, FakeGenerationOutcome } from './fake-comfy-wrapper.js';

/** One generation the fake wrapper knows. */
export interface FakeGeneration {
  id: string;
  status: string;
  outcome: FakeGenerationOutcome;
  format: TestClipFormat;
  webhook?: { url: string; secret?: string };
  message: string;
  clip?: Buffer;
  timer?: NodeJS.Timeout;
}

/** Reads the clip size, length and rate from a WAN API-format graph (latent node + CreateVideo). */
export function formatOf(workflow: unknown): TestClipFormat {
  const nodes = Object.values(
    (workflow ?? {}) as Record<string, { class_type?: string; inputs?: Record<string, unknown> }>,
  );
  const latent =
    nodes.find((node) => typeof node.inputs?.width === 'number' && typeof node.inputs?.length === 'number')?.inputs ??
    {};
  const video = nodes.find((node) => node.class_type === 'CreateVideo')?.inputs ?? {};
  return {
    width: Number(latent.width ?? 320),
    height: Number(latent.height ?? 240),
    frames: Number(latent.length ?? 9),
    fps: Number(video.fps ?? 16),
  };
}

/**
 * The wrapper's `Result` for a generation: its status and message, ComfyUI's error when it failed, and
 * the clip as the chosen delivery hands it back (a presigned-style URL under `baseUrl`, base64, or `/view` only).
 */
export function wrapperResultOf(
  generation: FakeGeneration,
  delivery: FakeClipDelivery,
  baseUrl: string,
): Record<string, unknown> {
  const filename = `${generation.id}_00001_.mp4`;
  const output =
    generation.status === 'completed' && generation.clip
      ? [
          {
            filename,
            subfolder: 'video',
            type: 'output',
            node_id: '11',
            output_type: 'images',
            local_path: `/workspace/ComfyUI/output/video/${filename}`,
            ...(delivery === 'url' ? { url: `${baseUrl}/files/${generation.id}.mp4?X-Amz-Signature=fake` } : {}),
            ...(delivery === 'base64' ? { data: generation.clip.toString('base64'), mimetype: 'video/mp4' } : {}),
          },
        ]
      : [];
  return {
    id: generation.id,
    message: generation.message,
    status: generation.status,
    comfyui_response: generation.status === 'failed' ? { error: { message: generation.message } } : {},
    output,
    timings: generation.status === 'completed' ? { preprocess_ms: 10, generation_ms: 4200, postprocess_ms: 30 } : {},
  };
}
