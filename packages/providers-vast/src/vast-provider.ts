import type { VastVisualSettings } from './vast-settings.js';
import type { WanModel } from './wan-models.js';
import { WanVisualModel } from './wan-visual-model.js';

export interface VastProvider {
  /** The WAN 2.2 visual provider, id `vast`, on `modelId` (else the settings' `model`, else `ti2v-5b`). */
  visual(modelId?: WanModel): WanVisualModel;
}

/** Creates the Vast (WAN 2.2 through ComfyUI) provider. The endpoint and token are read from the environment at the first call. */
export function createVast(settings: VastVisualSettings = {}): VastProvider {
  return {
    visual: (modelId) => new WanVisualModel(modelId === undefined ? settings : { ...settings, model: modelId }),
  };
}
