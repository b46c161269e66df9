import { randomBytes } from 'node:crypto';

/** One canned answer of the fake OpenAI server. */
export interface FakeAnswer {
  status?: number;
  headers?: Record<string, string>;
  /** A JSON body (sent with `Content-Type: application/json`). */
  json?: unknown;
  /** A raw body (audio, images, plain text). */
  body?: Buffer;
  contentType?: string;
  /** Waits this long before answering, for timeout and abort tests. */
  delayMs?: number;
}

export interface ChatAnswerOptions {
  model?: string;
  promptTokens?: number;
  completionTokens?: number;
  finishReason?: 'stop' | 'length' | 'content_filter';
}

export function chatCompletionBody(
  message: { content: string | null; refusal: string | null },
  options: ChatAnswerOptions = {},
): Record<string, unknown> {
  const promptTokens = options.promptTokens ?? 812;
  const completionTokens = options.completionTokens ?? 356;
  return {
    id: `chatcmpl-${randomBytes(12).toString('base64url')}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: options.model ?? 'gpt-4o-mini-2024-07-18',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: message.content, refusal: message.refusal, annotations: [] },
        logprobs: null,
        finish_reason: options.finishReason ?? 'stop',
      },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    },
    service_tier: 'default',
    system_fingerprint: 'fp_560af6e559',
  };
}

/** A structured-output answer: `value` serialised as the message content. */
export function chatJsonAnswer(value: unknown, options: ChatAnswerOptions = {}): FakeAnswer {
  return { json: chatCompletionBody({ content: JSON.stringify(value), refusal: null }, options) };
}

export function refusalAnswer(refusal = "I'm sorry, I can't help with that request."): FakeAnswer {
  return { json: chatCompletionBody({ content: null, refusal }) };
}

/** A cut-off (`length`) or filtered (`content_filter`) answer with partial content. */
export function finishReasonAnswer(
  finishReason: 'length' | 'content_filter',
  partialContent = '{"title":"Solar',
): FakeAnswer {
  return { json: chatCompletionBody({ content: partialContent, refusal: null }, { finishReason }) };
}

export interface ErrorFields {
  message: string;
  type: string;
  param?: string | null;
  code?: string | null;
}

export function errorAnswer(status: number, error: ErrorFields, headers: Record<string, string> = {}): FakeAnswer {
  return {
    status,
    headers,
    json: { error: { message: error.message, type: error.type, param: error.param ?? null, code: error.code ?? null } },
  };
}

/** 400 `invalid_request_error`, naming the parameter at fault. */
export function invalidRequestAnswer(
  message: string,
  param: string | null = null,
  code: string | null = null,
): FakeAnswer {
  return errorAnswer(400, { message, type: 'invalid_request_error', param, code });
}

/** 429 `rate_limit_exceeded`, with `retry-after-ms` (or `retry-after` seconds) like a throttled org gets. */
export function rateLimitAnswer(
  options: { retryAfterMs?: number; retryAfterSec?: number } = { retryAfterMs: 20 },
): FakeAnswer {
  const headers: Record<string, string> = {};
  if (options.retryAfterMs !== undefined) headers['retry-after-ms'] = String(options.retryAfterMs);
  if (options.retryAfterSec !== undefined) headers['retry-after'] = String(options.retryAfterSec);
  return errorAnswer(
    429,
    {
      message:
        'Rate limit reached for gpt-4o-mini in organization org-fake on tokens per min (TPM): Limit 200000, Used 199640, Requested 812. Please try again in 136ms. Visit https://platform.openai.com/account/rate-limits to learn more.',
      type: 'tokens',
      param: null,
      code: 'rate_limit_exceeded',
    },
    headers,
  );
}

export function insufficientQuotaAnswer(): FakeAnswer {
  return errorAnswer(429, {
    message:
      'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
    type: 'insufficient_quota',
    param: null,
    code: 'insufficient_quota',
  });
}

export function invalidApiKeyAnswer(key = 'sk-wrong'): FakeAnswer {
  const shown = key.length > 8 ? `${key.slice(0, 3)}${'*'.repeat(Math.max(0, key.length - 7))}${key.slice(-4)}` : key;
  return errorAnswer(401, {
    message: `Incorrect API key provided: ${shown}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    type: 'invalid_request_error',
    param: null,
    code: 'invalid_api_key',
  });
}

export function serverErrorAnswer(status = 500): FakeAnswer {
  return errorAnswer(status, {
    message: 'The server had an error while processing your request. Sorry about that!',
    type: 'server_error',
    param: null,
    code: null,
  });
}
