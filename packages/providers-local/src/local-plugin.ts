import type { LooplyPlugin } from '@looply/core';
import { createLocal, type LocalSettings } from './local-provider.js';

export type LocalPluginSettings = LocalSettings;

/** Registers the four offline providers under the id `local`. */
export function localPlugin(settings: LocalPluginSettings = {}): LooplyPlugin {
  return {
    name: '@looply/providers-local',
    register(registry) {
      const local = createLocal(settings);
      registry.register(local.script());
      registry.register(local.voice());
      registry.register(local.visual());
      registry.register(local.assembly());
    },
  };
}
