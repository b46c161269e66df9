import { loadApiKey, loadSetting } from '@looply/core/provider-utils';
import type { RequestSpacing } from './request-spacing.js';
import { ShotstackClient } from './shotstack-client.js';
import { SHOTSTACK_PROVIDER_ID } from './shotstack-provider-id.js';
import type { ResolvedShotstackSettings } from './shotstack-settings.js';

// Where and how to reach Shotstack: each value from the settings, else from the environment, read at
// every call (never at import or construction), so a value set later is seen.

const DEFAULT_BASE_URL = 'https://api.shotstack.io';

/** The API host (`baseUrl`, else `SHOTSTACK_BASE_URL`, else Shotstack's). */
export function shotstackBaseUrl(settings: ResolvedShotstackSettings): string {
  return (
    loadSetting({ settingValue: settings.baseUrl, environmentVariableName: 'SHOTSTACK_BASE_URL' }) ?? DEFAULT_BASE_URL
  );
}

/** `stage` (sandbox) or `v1` (production): `stage`, else `SHOTSTACK_STAGE` when it is `v1`, else `stage`. */
export function shotstackStage(settings: ResolvedShotstackSettings): 'stage' | 'v1' {
  if (settings.stage) return settings.stage;
  return loadSetting({ settingValue: undefined, environmentVariableName: 'SHOTSTACK_STAGE' }) === 'v1' ? 'v1' : 'stage';
}

/** Where Shotstack's callbacks reach this server (`publicBaseUrl`, else `PUBLIC_BASE_URL`); none: poll only. */
export function shotstackPublicBaseUrl(settings: ResolvedShotstackSettings): string | undefined {
  return loadSetting({ settingValue: settings.publicBaseUrl, environmentVariableName: 'PUBLIC_BASE_URL' });
}

/** A client with the key from `apiKey`, else `SHOTSTACK_API_KEY` (a non-retryable error when neither is set). */
export function createShotstackClient(settings: ResolvedShotstackSettings, spacing: RequestSpacing): ShotstackClient {
  const apiKey = loadApiKey({
    apiKey: settings.apiKey,
    environmentVariableName: 'SHOTSTACK_API_KEY',
    provider: SHOTSTACK_PROVIDER_ID,
    description: 'Shotstack',
    settingDescription: 'apiKey to createShotstack()',
    code: 'not-configured',
  });
  return new ShotstackClient({
    baseUrl: shotstackBaseUrl(settings),
    stage: shotstackStage(settings),
    apiKey,
    spacing,
    timeoutMs: settings.requestTimeoutMs,
    fetch: settings.fetch ?? globalThis.fetch,
  });
}
