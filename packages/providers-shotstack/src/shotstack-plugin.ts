import type { LooplyPlugin } from '@looply/core';
import { createShotstack } from './shotstack-provider.js';
import type { ShotstackSettings } from './shotstack-settings.js';

/** Registers the Shotstack assembly provider under the id `shotstack`. */
export function shotstackPlugin(settings: ShotstackSettings = {}): LooplyPlugin {
  return {
    name: '@looply/providers-shotstack',
    register(registry) {
      registry.register(createShotstack(settings).assembly());
    },
  };
}
