import { AbortedError, ProviderError } from '@looply/core';
import { retryAfterMsFromHeaders, type HeaderSource } from '@looply/core/provider-utils';
import { elevenLabsErrorBodySchema } from './elevenlabs-api-types.js';

export const ELEVENLABS_PROVIDER_ID = 'elevenlabs';

/** ElevenLabs sends no `Retry-After` on its 429s; wait this long before trying again. */
export const DEFAULT_CONCURRENCY_RETRY_AFTER_MS = 2_000;
/** `system_busy` means the service is overloaded: back off longer. */
export const DEFAULT_SYSTEM_BUSY_RETRY_AFTER_MS = 10_000;

const RETRY_AFTER_CAP_MS = 5 * 60_000;

export interface ElevenLabsErrorContext {
  /** What we were doing, e.g. `text-to-speech for scene 2`. */
  operation: string;
  voiceId?: string;
  /** Where the voice came from, e.g. `ELEVENLABS_VOICE_ID`. */
  voiceSource?: string;
  abortSignal?: AbortSignal;
}

/** The fields we read from `ElevenLabsError` (and its subclasses) without importing the SDK eagerly. */
interface ElevenLabsSdkError {
  name: string;
  message: string;
  statusCode?: number;
  body?: unknown;
  rawResponse?: { headers?: { get(name: string): string | null } };
}

function isSdkError(error: unknown): error is ElevenLabsSdkError {
  return (
    error instanceof Error && (error.name === 'ElevenLabsError' || 'statusCode' in error || 'rawResponse' in error)
  );
}

/** `Retry-After` in seconds or as an HTTP date; `retry-after-ms` when a proxy adds it. Capped. */
export function retryAfterFromHeaders(headers: HeaderSource | undefined, now = Date.now()): number | undefined {
  return retryAfterMsFromHeaders(headers, { maxMs: RETRY_AFTER_CAP_MS, now });
}

interface ParsedErrorBody {
  status?: string;
  message?: string;
  /** `body.text: Field required; …` for 422s. */
  validation?: string;
}

function parseErrorBody(body: unknown): ParsedErrorBody {
  const parsed = elevenLabsErrorBodySchema.safeParse(typeof body === 'string' ? safeJson(body) : body);
  if (!parsed.success || parsed.data.detail == null) {
    return { message: typeof body === 'string' && body.trim() ? body.trim().slice(0, 300) : undefined };
  }
  const detail = parsed.data.detail;
  if (typeof detail === 'string') return { message: detail };
  if (Array.isArray(detail)) {
    const validation = detail
      .map(
        (issue) => `${issue.loc?.length ? issue.loc.join('.') : '(request)'}: ${issue.msg ?? issue.type ?? 'invalid'}`,
      )
      .join('; ');
    return { validation };
  }
  return { status: detail.status ?? detail.code ?? undefined, message: detail.message ?? undefined };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Turns anything the SDK throws into the one error type the runner understands: fatal for what
 * a retry cannot fix (key, quota, voice, validation), retryable for 429, 408, 5xx and the network.
 */
export function toProviderError(error: unknown, context: ElevenLabsErrorContext): Error {
  if (error instanceof AbortedError || ProviderError.isInstance(error)) return error;
  if (context.abortSignal?.aborted) return new AbortedError(`ElevenLabs ${context.operation} was aborted`);

  if (error instanceof Error && error.name === 'ElevenLabsTimeoutError') {
    return new ProviderError({
      provider: ELEVENLABS_PROVIDER_ID,
      message: `ElevenLabs ${context.operation} timed out`,
      retryable: true,
      code: 'timeout',
      cause: error,
    });
  }

  if (!isSdkError(error) || error.statusCode === undefined) {
    // Network failures (refused, reset, DNS) reach us as an ElevenLabsError without a status.
    const reason =
      error instanceof Error
        ? error.cause instanceof Error
          ? `${error.message} (${error.cause.message})`
          : error.message
        : String(error);
    const isNetwork = isSdkError(error);
    return new ProviderError({
      provider: ELEVENLABS_PROVIDER_ID,
      message: isNetwork
        ? `Could not reach ElevenLabs for ${context.operation}: ${firstLine(reason)}`
        : `ElevenLabs returned an unexpected response for ${context.operation}: ${firstLine(reason)}`,
      retryable: isNetwork,
      code: isNetwork ? 'network' : 'invalid-response',
      cause: error,
    });
  }

  const statusCode = error.statusCode;
  const headers = error.rawResponse?.headers;
  const requestId = headers?.get('request-id') ?? headers?.get('x-request-id') ?? undefined;
  const { status, message, validation } = parseErrorBody(error.body);
  const vendorSays = message ? `: ${message}` : '';
  const suffix = requestId ? ` (request-id ${requestId})` : '';
  const fatal = (text: string, code?: string) =>
    new ProviderError({
      provider: ELEVENLABS_PROVIDER_ID,
      message: text + suffix,
      retryable: false,
      statusCode,
      code: code ?? status,
      cause: error,
    });
  const retryable = (text: string, retryAfterMs: number | undefined, code?: string) =>
    new ProviderError({
      provider: ELEVENLABS_PROVIDER_ID,
      message: text + suffix,
      retryable: true,
      retryAfterMs,
      statusCode,
      code: code ?? status,
      cause: error,
    });

  if (status === 'invalid_api_key' || (statusCode === 401 && !status)) {
    return fatal(
      `ElevenLabs rejected the API key (${statusCode} ${status ?? 'unauthorized'})${vendorSays}. Set ELEVENLABS_API_KEY (or the provider's apiKey setting) to a valid key from https://elevenlabs.io/app/settings/api-keys`,
      status ?? 'invalid_api_key',
    );
  }
  if (status === 'quota_exceeded') {
    return fatal(
      `ElevenLabs quota exceeded (${statusCode} quota_exceeded)${vendorSays}. Add credits or upgrade the ElevenLabs plan, or shorten the narration`,
    );
  }
  if (status === 'voice_not_found') {
    return fatal(
      `ElevenLabs voice "${context.voiceId ?? 'unknown'}"${context.voiceSource ? ` (from ${context.voiceSource})` : ''} was not found (${statusCode} voice_not_found)${vendorSays}. Use a voice id from GET /v1/voices or a voice name of your account`,
    );
  }
  if (status === 'max_character_limit_exceeded') {
    return fatal(
      `ElevenLabs refused ${context.operation}: the text is too long for the model (${statusCode} max_character_limit_exceeded)${vendorSays}. Lower the maxCharactersPerRequest setting`,
    );
  }
  if (statusCode === 422 || validation) {
    return fatal(
      `ElevenLabs rejected ${context.operation} as invalid (${statusCode})${validation ? `: ${validation}` : vendorSays}`,
      'validation',
    );
  }
  if (statusCode === 429) {
    const defaultWait =
      status === 'system_busy' ? DEFAULT_SYSTEM_BUSY_RETRY_AFTER_MS : DEFAULT_CONCURRENCY_RETRY_AFTER_MS;
    return retryable(
      `ElevenLabs is rate limiting ${context.operation} (429 ${status ?? 'too_many_requests'})${vendorSays}`,
      retryAfterFromHeaders(headers) ?? defaultWait,
      status ?? 'too_many_requests',
    );
  }
  if (statusCode === 408 || statusCode >= 500) {
    return retryable(
      `ElevenLabs failed ${context.operation} (${statusCode}${status ? ` ${status}` : ''})${vendorSays}`,
      retryAfterFromHeaders(headers),
    );
  }
  if (statusCode === 401 || statusCode === 403) {
    return fatal(
      `ElevenLabs refused ${context.operation} (${statusCode}${status ? ` ${status}` : ''})${vendorSays}. Check the API key's permissions and the plan of the ElevenLabs account`,
    );
  }
  return fatal(`ElevenLabs refused ${context.operation} (${statusCode}${status ? ` ${status}` : ''})${vendorSays}`);
}

function firstLine(text: string): string {
  return text.split('\n')[0].slice(0, 300);
}
