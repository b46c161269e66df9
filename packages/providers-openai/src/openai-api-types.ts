import { z } from 'zod';

/*
 * Wire types of the OpenAI endpoints we call, snake_case as on the wire. Response schemas are
 * lenient (`.nullish()`, extra keys kept) so a field OpenAI adds or drops never breaks a call;
 * only what we actually read is checked.
 */

export const openAIUsageSchema = z.looseObject({
  prompt_tokens: z.number().nullish(),
  completion_tokens: z.number().nullish(),
  total_tokens: z.number().nullish(),
});

export const openAIChatMessageSchema = z.looseObject({
  role: z.string().nullish(),
  content: z.string().nullish(),
  refusal: z.string().nullish(),
});

export const openAIChatChoiceSchema = z.looseObject({
  index: z.number().nullish(),
  finish_reason: z.string().nullish(),
  message: openAIChatMessageSchema,
});

/** `POST /v1/chat/completions` response. */
export const openAIChatCompletionSchema = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  choices: z.array(openAIChatChoiceSchema).min(1),
  usage: openAIUsageSchema.nullish(),
});
export type OpenAIChatCompletion = z.infer<typeof openAIChatCompletionSchema>;

export const openAIImageDataSchema = z.looseObject({
  b64_json: z.string().nullish(),
  url: z.string().nullish(),
  revised_prompt: z.string().nullish(),
});

/** `POST /v1/images/generations` response. gpt-image models add `usage` (tokens). */
export const openAIImagesResponseSchema = z.looseObject({
  created: z.number().nullish(),
  data: z.array(openAIImageDataSchema).min(1),
  output_format: z.string().nullish(),
  quality: z.string().nullish(),
  size: z.string().nullish(),
  usage: z
    .looseObject({
      input_tokens: z.number().nullish(),
      output_tokens: z.number().nullish(),
      total_tokens: z.number().nullish(),
    })
    .nullish(),
});
export type OpenAIImagesResponse = z.infer<typeof openAIImagesResponseSchema>;

/** The error envelope every endpoint uses: `{ error: { message, type, param, code } }`. */
export const openAIErrorBodySchema = z.looseObject({
  error: z.looseObject({
    message: z.string().nullish(),
    type: z.string().nullish(),
    param: z.string().nullish(),
    code: z.string().nullish(),
  }),
});
export type OpenAIErrorBody = z.infer<typeof openAIErrorBodySchema>;

/** Chat Completions request body (the subset we send). */
export interface OpenAIChatRequest {
  model: string;
  messages: Array<{ role: 'developer' | 'system' | 'user' | 'assistant'; content: string }>;
  response_format: {
    type: 'json_schema';
    json_schema: { name: string; description?: string; strict: true; schema: Record<string, unknown> };
  };
  temperature?: number;
  max_completion_tokens?: number;
}

/** `POST /v1/audio/speech` request body (the subset we send). */
export interface OpenAISpeechRequest {
  model: string;
  input: string;
  voice: string | { id: string };
  response_format: 'wav';
  instructions?: string;
  speed?: number;
}

/** `POST /v1/images/generations` request body (the subset we send). */
export interface OpenAIImageRequest {
  model: string;
  prompt: string;
  n: 1;
  size: string;
  quality?: 'low' | 'medium' | 'high' | 'auto' | 'standard' | 'hd';
  response_format?: 'b64_json';
}
