import { ShotstackAssemblyModel } from './shotstack-assembly-model.js';
import type { ShotstackSettings } from './shotstack-settings.js';

export interface ShotstackProvider {
  /** The assembly provider, id `shotstack`: renders the Timeline on Shotstack's Edit API. */
  assembly(): ShotstackAssemblyModel;
}

/** Creates the Shotstack provider. Settings are checked now; the key and stage are read from the environment at the first call. */
export function createShotstack(settings: ShotstackSettings = {}): ShotstackProvider {
  return {
    assembly: () => new ShotstackAssemblyModel(settings),
  };
}
