import {
  parseWith,
  scriptSchema,
  throwIfAborted,
  type ScriptCallOptionsV1,
  type ScriptProviderV1,
  type ScriptResultV1,
} from '@looply/core';
import { localScriptSettingsSchema, type LocalScriptSettings } from './local-script-settings.js';
import { resolveScriptLanguage } from './script-language.js';
import { writeTemplateScript } from './template-script-writer.js';

const PROVIDER = 'local';

/**
 * The offline script writer: a deterministic template writer (no language model) for English
 * and French. Scenes are sized to the brief's duration at about 2.5 spoken words per second.
 */
export function createLocalScriptProvider(settings: LocalScriptSettings = {}): ScriptProviderV1 {
  const options = parseWith(localScriptSettingsSchema, settings, 'createLocalScriptProvider settings');
  const wordsPerSecond = options.wordsPerSecond ?? 2.5;
  const secondsPerScene = options.secondsPerScene ?? 6;

  return {
    specificationVersion: 'v1',
    kind: 'script',
    provider: PROVIDER,
    async doGenerate(call: ScriptCallOptionsV1): Promise<ScriptResultV1> {
      throwIfAborted(call.abortSignal);
      const language = resolveScriptLanguage(call.brief.language, PROVIDER);
      const { script, warnings } = writeTemplateScript({
        brief: call.brief,
        style: call.style,
        language,
        wordsPerSecond,
        secondsPerScene,
      });
      const validated = parseWith(scriptSchema, script, 'local script provider output');
      const characters = validated.scenes.reduce((sum, scene) => sum + scene.narration.length, 0);
      return { script: validated, usage: { characters, costUsd: 0 }, warnings };
    },
  };
}
