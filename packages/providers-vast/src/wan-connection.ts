import { ProviderError } from '@looply/core';
import { loadSetting } from '@looply/core/provider-utils';
import { ComfyWrapperClient } from './comfy-wrapper-client.js';
import { VAST_PROVIDER_ID } from './vast-provider-id.js';
import type { ResolvedVastVisualSettings } from './vast-settings.js';

// Where and how to reach the ComfyUI API wrapper: each value from the settings, else from the
// environment, read at every call (never at import or construction), so a value set later is seen.

/** The wrapper's base URL (`endpointUrl`, else `WAN_ENDPOINT_URL`); a non-retryable error when neither is set. */
export function wanEndpointUrl(settings: ResolvedVastVisualSettings): string {
  const url = loadSetting({ settingValue: settings.endpointUrl, environmentVariableName: 'WAN_ENDPOINT_URL' });
  if (!url) {
    throw new ProviderError({
      provider: VAST_PROVIDER_ID,
      message: 'No ComfyUI API wrapper configured: set WAN_ENDPOINT_URL (or endpointUrl)',
      retryable: false,
      code: 'not-configured',
    });
  }
  return url;
}

/** The secret webhooks are signed with (`webhookSecret`, else `WAN_WEBHOOK_SECRET`), if any. */
export function wanWebhookSecret(settings: ResolvedVastVisualSettings): string | undefined {
  return loadSetting({ settingValue: settings.webhookSecret, environmentVariableName: 'WAN_WEBHOOK_SECRET' });
}

/** Where the wrapper calls back (`publicBaseUrl`, else `PUBLIC_BASE_URL`); none without a public URL. */
export function wanWebhook(settings: ResolvedVastVisualSettings): { url: string; secret?: string } | undefined {
  const base = loadSetting({ settingValue: settings.publicBaseUrl, environmentVariableName: 'PUBLIC_BASE_URL' });
  if (!base) return undefined;
  return { url: `${base.replace(/\/+$/, '')}/api/v1/webhooks/${VAST_PROVIDER_ID}`, secret: wanWebhookSecret(settings) };
}

/** A client for the wrapper, with the token from `apiToken`, else `WAN_API_TOKEN`. */
export function createWanClient(settings: ResolvedVastVisualSettings): ComfyWrapperClient {
  return new ComfyWrapperClient({
    endpointUrl: wanEndpointUrl(settings),
    apiToken: loadSetting({ settingValue: settings.apiToken, environmentVariableName: 'WAN_API_TOKEN' }),
    comfyUiUrl: settings.comfyUiUrl,
    timeoutMs: settings.requestTimeoutMs,
    fetch: settings.fetch ?? globalThis.fetch,
  });
}
