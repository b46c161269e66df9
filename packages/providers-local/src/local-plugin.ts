import type { LooplyPlugin } from '@looply/core';
import { createLocalAssemblyProvider } from './assembly/local-assembly-provider.js';
import type { LocalAssemblySettings } from './assembly/local-assembly-settings.js';
import { createLocalScriptProvider } from './script/local-script-provider.js';
import type { LocalScriptSettings } from './script/local-script-settings.js';
import { createLocalVisualProvider } from './visual/local-visual-provider.js';
import type { LocalVisualSettings } from './visual/local-visual-settings.js';
import { createLocalVoiceProvider } from './voice/local-voice-provider.js';
import type { LocalVoiceSettings } from './voice/local-voice-settings.js';

export interface LocalPluginSettings {
  script?: LocalScriptSettings;
  voice?: LocalVoiceSettings;
  visual?: LocalVisualSettings;
  assembly?: LocalAssemblySettings;
}

/** Registers the four offline providers under the id `local`. */
export function localPlugin(settings: LocalPluginSettings = {}): LooplyPlugin {
  return {
    name: '@looply/providers-local',
    register(registry) {
      registry.register(createLocalScriptProvider(settings.script));
      registry.register(createLocalVoiceProvider(settings.voice));
      registry.register(createLocalVisualProvider(settings.visual));
      registry.register(createLocalAssemblyProvider(settings.assembly));
    },
  };
}
