import type { WanClipFormat } from './wan-models.js';

/** A ComfyUI API-format graph: node id -> `{ class_type, inputs }`; links are `[nodeId, outputIndex]`. */
export type ComfyWorkflow = Record<
  string,
  { class_type: string; inputs: Record<string, unknown>; _meta?: { title: string } }
>;

export interface WanWorkflowInputs {
  format: WanClipFormat;
  positivePrompt: string;
  negativePrompt: string;
  seed: number;
  /** Sampling steps; default 30 (5B) or 20 split 10 + 10 over the two experts (A14B), as ComfyUI's templates. */
  steps?: number;
  filenamePrefix: string;
}

const TEXT_ENCODER = 'umt5_xxl_fp8_e4m3fn_scaled.safetensors';

/** Comfy-Org's native TI2V-5B text-to-video template: one dense model, the Wan 2.2 VAE, `Wan22ImageToVideoLatent` without a start image. */
function ti2v5bWorkflow(inputs: WanWorkflowInputs): ComfyWorkflow {
  const { format } = inputs;
  return {
    '1': {
      class_type: 'UNETLoader',
      inputs: { unet_name: 'wan2.2_ti2v_5B_fp16.safetensors', weight_dtype: 'default' },
    },
    '2': { class_type: 'ModelSamplingSD3', inputs: { model: ['1', 0], shift: 8 } },
    '3': { class_type: 'CLIPLoader', inputs: { clip_name: TEXT_ENCODER, type: 'wan', device: 'default' } },
    '4': { class_type: 'VAELoader', inputs: { vae_name: 'wan2.2_vae.safetensors' } },
    '5': {
      class_type: 'CLIPTextEncode',
      inputs: { clip: ['3', 0], text: inputs.positivePrompt },
      _meta: { title: 'Positive prompt' },
    },
    '6': {
      class_type: 'CLIPTextEncode',
      inputs: { clip: ['3', 0], text: inputs.negativePrompt },
      _meta: { title: 'Negative prompt' },
    },
    '7': {
      class_type: 'Wan22ImageToVideoLatent',
      inputs: { vae: ['4', 0], width: format.width, height: format.height, length: format.frames, batch_size: 1 },
    },
    '8': {
      class_type: 'KSampler',
      inputs: {
        model: ['2', 0],
        positive: ['5', 0],
        negative: ['6', 0],
        latent_image: ['7', 0],
        seed: inputs.seed,
        steps: inputs.steps ?? 30,
        cfg: 5,
        sampler_name: 'uni_pc',
        scheduler: 'simple',
        denoise: 1,
      },
    },
    '9': { class_type: 'VAEDecode', inputs: { samples: ['8', 0], vae: ['4', 0] } },
    '10': { class_type: 'CreateVideo', inputs: { images: ['9', 0], fps: format.fps } },
    '11': {
      class_type: 'SaveVideo',
      inputs: { video: ['10', 0], filename_prefix: inputs.filenamePrefix, format: 'auto', codec: 'auto' },
    },
  };
}

/** The T2V-A14B graph of the Vast WAN example: high-noise expert for the first half of the steps, low-noise expert for the rest. */
function t2vA14bWorkflow(inputs: WanWorkflowInputs): ComfyWorkflow {
  const { format } = inputs;
  const steps = inputs.steps ?? 20;
  const switchAt = Math.ceil(steps / 2);
  const sampler = {
    cfg: 3.5,
    sampler_name: 'euler',
    scheduler: 'simple',
    steps,
    positive: ['5', 0],
    negative: ['6', 0],
  };
  return {
    '1': {
      class_type: 'UNETLoader',
      inputs: { unet_name: 'wan2.2_t2v_high_noise_14B_fp8_scaled.safetensors', weight_dtype: 'default' },
    },
    '2': {
      class_type: 'UNETLoader',
      inputs: { unet_name: 'wan2.2_t2v_low_noise_14B_fp8_scaled.safetensors', weight_dtype: 'default' },
    },
    '3': { class_type: 'ModelSamplingSD3', inputs: { model: ['1', 0], shift: 8 } },
    '4': { class_type: 'ModelSamplingSD3', inputs: { model: ['2', 0], shift: 8 } },
    '13': { class_type: 'CLIPLoader', inputs: { clip_name: TEXT_ENCODER, type: 'wan', device: 'default' } },
    '14': { class_type: 'VAELoader', inputs: { vae_name: 'wan_2.1_vae.safetensors' } },
    '5': {
      class_type: 'CLIPTextEncode',
      inputs: { clip: ['13', 0], text: inputs.positivePrompt },
      _meta: { title: 'Positive prompt' },
    },
    '6': {
      class_type: 'CLIPTextEncode',
      inputs: { clip: ['13', 0], text: inputs.negativePrompt },
      _meta: { title: 'Negative prompt' },
    },
    '7': {
      class_type: 'EmptyHunyuanLatentVideo',
      inputs: { width: format.width, height: format.height, length: format.frames, batch_size: 1 },
    },
    '8': {
      class_type: 'KSamplerAdvanced',
      inputs: {
        ...sampler,
        model: ['3', 0],
        latent_image: ['7', 0],
        add_noise: 'enable',
        noise_seed: inputs.seed,
        start_at_step: 0,
        end_at_step: switchAt,
        return_with_leftover_noise: 'enable',
      },
    },
    '9': {
      class_type: 'KSamplerAdvanced',
      inputs: {
        ...sampler,
        model: ['4', 0],
        latent_image: ['8', 0],
        add_noise: 'disable',
        noise_seed: inputs.seed,
        start_at_step: switchAt,
        end_at_step: 10_000,
        return_with_leftover_noise: 'disable',
      },
    },
    '10': { class_type: 'VAEDecode', inputs: { samples: ['9', 0], vae: ['14', 0] } },
    '11': { class_type: 'CreateVideo', inputs: { images: ['10', 0], fps: format.fps } },
    '12': {
      class_type: 'SaveVideo',
      inputs: { video: ['11', 0], filename_prefix: inputs.filenamePrefix, format: 'auto', codec: 'auto' },
    },
  };
}

/** The API-format WAN 2.2 text-to-video graph for the clip's model. */
export function buildWanWorkflow(inputs: WanWorkflowInputs): ComfyWorkflow {
  return inputs.format.model === 'ti2v-5b' ? ti2v5bWorkflow(inputs) : t2vA14bWorkflow(inputs);
}

/** The named slots a custom workflow template may use, as whole string values (`"{{SEED}}"`) or inside strings. */
export const WORKFLOW_SLOTS = [
  'POSITIVE_PROMPT',
  'NEGATIVE_PROMPT',
  'SEED',
  'WIDTH',
  'HEIGHT',
  'FRAMES',
  'FPS',
  'FILENAME_PREFIX',
] as const;

/**
 * Fills a custom API-format template: a string that is exactly `{{SLOT}}` becomes the value with
 * its type (numbers stay numbers), `{{SLOT}}` inside longer strings is replaced as text.
 * Throws naming the slot when the template uses an unknown one.
 */
export function fillWorkflowTemplate(template: ComfyWorkflow, inputs: WanWorkflowInputs): ComfyWorkflow {
  const values: Record<(typeof WORKFLOW_SLOTS)[number], string | number> = {
    POSITIVE_PROMPT: inputs.positivePrompt,
    NEGATIVE_PROMPT: inputs.negativePrompt,
    SEED: inputs.seed,
    WIDTH: inputs.format.width,
    HEIGHT: inputs.format.height,
    FRAMES: inputs.format.frames,
    FPS: inputs.format.fps,
    FILENAME_PREFIX: inputs.filenamePrefix,
  };
  const lookup = (name: string): string | number => {
    if (!(name in values))
      throw new Error(`Unknown slot {{${name}}} in the custom WAN workflow template: use ${WORKFLOW_SLOTS.join(', ')}`);
    return values[name as keyof typeof values];
  };
  const fill = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const whole = /^\{\{([A-Z_]+)\}\}$/.exec(value);
      if (whole) return lookup(whole[1]);
      return value.replace(/\{\{([A-Z_]+)\}\}/g, (_, name: string) => String(lookup(name)));
    }
    if (Array.isArray(value)) return value.map(fill);
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, fill(inner)]));
    return value;
  };
  return fill(template) as ComfyWorkflow;
}
