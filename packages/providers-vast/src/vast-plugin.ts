import type { LooplyPlugin } from '@looply/core';
import type { VastVisualSettings } from './vast-settings.js';
import { createVast } from './vast-provider.js';

/** Registers the WAN 2.2 visual provider under the id `vast`. */
export function vastPlugin(settings: VastVisualSettings = {}): LooplyPlugin {
  return {
    name: '@looply/providers-vast',
    register(registry) {
      registry.register(createVast(settings).visual());
    },
  };
}
