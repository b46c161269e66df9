import { ProviderError } from '../errors/provider-error.js';

/**
 * A setting given in code, else read from the environment *now* (at call time, never at import
 * or construction, so importing a provider has no side effects and a key set later is seen).
 * Blank values count as unset.
 */
export function loadSetting(options: {
  settingValue: string | undefined;
  environmentVariableName: string;
}): string | undefined {
  const value = options.settingValue ?? process.env[options.environmentVariableName];
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}

/** Like `loadSetting`, but a missing key is a clear, non-retryable `ProviderError` naming what to set. */
export function loadApiKey(options: {
  apiKey: string | undefined;
  environmentVariableName: string;
  /** The provider id, for the error. */
  provider: string;
  /** The vendor's name as users know it, e.g. `OpenAI`. */
  description: string;
  /** How users pass it in code, e.g. `apiKey to createOpenAI`. */
  settingDescription: string;
  code?: string;
}): string {
  const apiKey = loadSetting({
    settingValue: options.apiKey,
    environmentVariableName: options.environmentVariableName,
  });
  if (apiKey) return apiKey;
  throw new ProviderError({
    provider: options.provider,
    message: `${options.description}: set ${options.environmentVariableName} (or pass ${options.settingDescription})`,
    retryable: false,
    code: options.code ?? 'missing-api-key',
  });
}
