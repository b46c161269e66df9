import type { LooplyPlugin } from '@looply/core';
import { ShotstackAssemblyModel } from './shotstack-assembly-model.js';
import type { ShotstackSettings } from './shotstack-settings.js';

/** Registers the Shotstack assembly provider under the id `shotstack`. */
export function shotstackPlugin(settings: ShotstackSettings = {}): LooplyPlugin {
  return {
    name: '@looply/providers-shotstack',
    register(registry) {
      registry.register(new ShotstackAssemblyModel(settings));
    },
  };
}
