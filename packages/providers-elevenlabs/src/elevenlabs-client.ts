import type { ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import { ProviderError } from '@looply/core';
import { loadApiKey, loadSetting } from '@looply/core/provider-utils';
import { ELEVENLABS_PROVIDER_ID } from './elevenlabs-error.js';
import type { ResolvedElevenLabsSettings } from './elevenlabs-options.js';

// The SDK takes over a second to load: load it on the first request, not on import.
let sdk: Promise<typeof import('@elevenlabs/elevenlabs-js')> | undefined;
const loadSdk = () => (sdk ??= import('@elevenlabs/elevenlabs-js'));

/** The SDK's `baseUrl` is the host root (it appends `v1/…`): accept a URL ending in `/v1` too. */
export function normaliseBaseUrl(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/v1$/, '');
}

/** Reads the key and base URL now (lazily, at the first request) and builds a client without retries. */
export async function createElevenLabsClient(settings: ResolvedElevenLabsSettings): Promise<ElevenLabsClient> {
  const apiKey = loadApiKey({
    apiKey: settings.apiKey,
    environmentVariableName: 'ELEVENLABS_API_KEY',
    provider: ELEVENLABS_PROVIDER_ID,
    description: 'ElevenLabs',
    settingDescription: 'apiKey to createElevenLabs()',
    code: 'missing_api_key',
  });
  const baseURL = loadSetting({ settingValue: settings.baseURL, environmentVariableName: 'ELEVENLABS_BASE_URL' });
  if (baseURL !== undefined && !/^https?:\/\/[^\s/]+/.test(baseURL)) {
    throw new ProviderError({
      provider: ELEVENLABS_PROVIDER_ID,
      message: `ELEVENLABS_BASE_URL must be an http(s) URL such as https://api.elevenlabs.io, got ${JSON.stringify(baseURL)}`,
      retryable: false,
      code: 'invalid_base_url',
    });
  }
  const { ElevenLabsClient } = await loadSdk();
  return new ElevenLabsClient({
    apiKey,
    ...(baseURL ? { baseUrl: normaliseBaseUrl(baseURL) } : {}),
    headers: settings.headers,
    fetch: settings.fetch,
    timeoutInSeconds: settings.timeoutMs / 1000,
    // The runner owns retries (with backoff and a budget); SDK retries would multiply them.
    maxRetries: 0,
  });
}
