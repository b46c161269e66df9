import { z } from 'zod';

/** One output file of a generation (ai-dock comfyui-api-wrapper `Result.output[]`). */
export const wrapperOutputSchema = z.looseObject({
  filename: z.string().nullish(),
  subfolder: z.string().nullish(),
  type: z.string().nullish(),
  node_id: z.union([z.string(), z.number()]).nullish(),
  output_type: z.string().nullish(),
  /** Presigned S3 URL when the wrapper uploads outputs. */
  url: z.string().nullish(),
  /** Base64 bytes when `return_outputs_as_base64` was asked. */
  data: z.string().nullish(),
  mimetype: z.string().nullish(),
  upload_error: z.string().nullish(),
  error: z.string().nullish(),
});
export type WrapperOutput = z.infer<typeof wrapperOutputSchema>;

export const WRAPPER_PENDING_STATUSES = ['queued', 'pending', 'processing', 'generating', 'generated'] as const;

/** Statuses after which a generation will not complete. */
export const WRAPPER_FAILED_STATUSES: ReadonlySet<string> = new Set([
  'failed',
  'cancelled',
  'canceled',
  'timeout',
  'error',
]);

/** The wrapper's `Result` (answer of `POST /generate`, `GET /result/{id}`, and the webhook body). Lenient: unknown fields pass. */
export const wrapperResultSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string().min(1),
  message: z.string().nullish(),
  comfyui_response: z.unknown().nullish(),
  output: z.array(wrapperOutputSchema).nullish(),
  timings: z
    .looseObject({
      preprocess_ms: z.number().nullish(),
      generation_ms: z.number().nullish(),
      postprocess_ms: z.number().nullish(),
    })
    .nullish(),
});
export type WrapperResult = z.infer<typeof wrapperResultSchema>;

/** The most specific failure text: ComfyUI's own execution error when the wrapper passed it on, else the wrapper's message. */
export function wrapperFailureText(result: WrapperResult): string {
  const response = result.comfyui_response as
    { error?: { message?: unknown; details?: unknown } | string } | null | undefined;
  const comfy =
    typeof response?.error === 'string'
      ? response.error
      : [response?.error?.message, response?.error?.details]
          .filter((part) => typeof part === 'string' && part)
          .join(': ');
  const outputErrors = (result.output ?? [])
    .map((output) => output.error ?? output.upload_error)
    .filter((text): text is string => Boolean(text));
  const parts = [result.message, comfy, ...outputErrors].filter((text): text is string => Boolean(text && text.trim()));
  return [...new Set(parts)].join('; ') || `status "${result.status}" without a message`;
}
