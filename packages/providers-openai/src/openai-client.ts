import { ProviderError } from '@looply/core';
import OpenAI from 'openai';
import { OPENAI_PROVIDER_ID } from './openai-error.js';
import type { ResolvedOpenAISettings } from './openai-options.js';

/**
 * Creates SDK clients on demand, so the API key is read from the environment when the first
 * call is made (importing or constructing a provider has no side effects).
 */
export class OpenAIClientFactory {
  private cached?: { fingerprint: string; client: OpenAI };

  constructor(private readonly settings: ResolvedOpenAISettings) {}

  client(): OpenAI {
    const apiKey = this.settings.apiKey ?? nonEmpty(process.env.OPENAI_API_KEY);
    if (!apiKey) {
      throw new ProviderError({
        provider: OPENAI_PROVIDER_ID,
        message: 'OpenAI: set OPENAI_API_KEY (or pass apiKey to createOpenAI)',
        retryable: false,
        code: 'missing-api-key',
      });
    }
    const baseURL = this.settings.baseURL ?? nonEmpty(process.env.OPENAI_BASE_URL);
    const fingerprint = `${apiKey}\n${baseURL ?? ''}`;
    if (this.cached?.fingerprint === fingerprint) return this.cached.client;
    const client = new OpenAI({
      apiKey,
      baseURL: baseURL ?? 'https://api.openai.com/v1',
      organization: this.settings.organization,
      project: this.settings.project,
      defaultHeaders: this.settings.headers,
      fetch: this.settings.fetch,
      // The runner owns retries (bounded, with backoff and the idempotency key); SDK retries would multiply them.
      maxRetries: 0,
      timeout: this.settings.timeoutMs,
    });
    this.cached = { fingerprint, client };
    return client;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== '' ? value.trim() : undefined;
}

export interface OpenAIRequestContext {
  abortSignal: AbortSignal;
  idempotencyKey: string;
  timeoutMs: number;
}

/**
 * Per-request options. openai@6 declares `idempotencyKey` but its client sets no idempotency
 * header name, so the key would be dropped: we also send the `Idempotency-Key` header ourselves.
 */
export function requestOptions(context: OpenAIRequestContext) {
  return {
    signal: context.abortSignal,
    idempotencyKey: context.idempotencyKey,
    headers: { 'Idempotency-Key': context.idempotencyKey },
    timeout: context.timeoutMs,
    maxRetries: 0,
  };
}
