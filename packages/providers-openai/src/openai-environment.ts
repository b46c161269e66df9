import { loadSetting } from '@looply/core/provider-utils';
import { DEFAULT_SCRIPT_MODEL } from './openai-options.js';

// The settings OpenAI also takes from the environment, read at every call (never at import or
// construction), so a value set later is seen. The API key and base URL: see openai-client.ts.

/** The chat model of the script writer: the explicit `modelId`, else `OPENAI_MODEL`, else the default. */
export function openAIScriptModelId(modelId: string | undefined): string {
  return loadSetting({ settingValue: modelId, environmentVariableName: 'OPENAI_MODEL' }) ?? DEFAULT_SCRIPT_MODEL;
}
