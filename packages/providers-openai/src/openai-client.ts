import { loadApiKey, loadSetting } from '@looply/core/provider-utils';
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
    const apiKey = loadApiKey({
      apiKey: this.settings.apiKey,
      environmentVariableName: 'OPENAI_API_KEY',
      provider: OPENAI_PROVIDER_ID,
      description: 'OpenAI',
      settingDescription: 'apiKey to createOpenAI',
    });
    const baseURL = loadSetting({ settingValue: this.settings.baseURL, environmentVariableName: 'OPENAI_BASE_URL' });
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
