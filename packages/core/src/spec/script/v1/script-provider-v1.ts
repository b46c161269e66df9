import type { Brief } from '../../../domain/brief.js';
import type { Script } from '../../../domain/script.js';
import type { VisualStyle } from '../../../styles/style-catalogue.js';
import type { CallOptionsV1 } from '../../shared/v1/call-options-v1.js';
import type { UsageV1 } from '../../shared/v1/usage-v1.js';
import type { WarningV1 } from '../../shared/v1/warning-v1.js';

export interface ScriptCallOptionsV1 extends CallOptionsV1 {
  brief: Brief;
  /** The brief's style, resolved from the catalogue. */
  style: VisualStyle;
}

export interface ScriptResultV1 {
  script: Script;
  usage: UsageV1;
  warnings: WarningV1[];
}

/** Writes a scene-by-scene script with visual prompts from a brief. */
export interface ScriptProviderV1 {
  readonly specificationVersion: 'v1';
  readonly kind: 'script';
  /** Provider id, e.g. `local`, `openai`. */
  readonly provider: string;
  /** The vendor model behind this provider, when it has one (shown in logs; set by `create<Vendor>().<step>(modelId)`). */
  readonly modelId?: string;
  doGenerate(options: ScriptCallOptionsV1): Promise<ScriptResultV1>;
}
