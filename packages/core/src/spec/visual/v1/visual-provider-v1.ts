import type { OutputFormat } from '../../../domain/brief.js';
import type { SceneVisual } from '../../../domain/scene-visual.js';
import type { VisualPrompt } from '../../../domain/script.js';
import type { VisualStyle } from '../../../styles/style-catalogue.js';
import type { CallOptionsV1 } from '../../shared/v1/call-options-v1.js';
import type { LongRunningV1 } from '../../shared/v1/long-running-v1.js';
import type { UsageV1 } from '../../shared/v1/usage-v1.js';
import type { WarningV1 } from '../../shared/v1/warning-v1.js';

export interface VisualSceneV1 {
  index: number;
  /** Total number of scenes, for compositions that vary across the video. */
  count: number;
  narration: string;
  prompt: VisualPrompt;
  /** The scene's length in the final video (from the narration). */
  durationSec: number;
}

export interface VisualCallOptionsV1 extends CallOptionsV1 {
  scene: VisualSceneV1;
  style: VisualStyle;
  output: OutputFormat;
  title: string;
}

export interface VisualResultV1 {
  visual: SceneVisual;
  usage: UsageV1;
  warnings: WarningV1[];
}

interface VisualProviderBaseV1 {
  readonly specificationVersion: 'v1';
  readonly kind: 'visual';
  readonly provider: string;
  /** The vendor model behind this provider, when it has one (shown in logs; set by `create<Vendor>().<step>(modelId)`). */
  readonly modelId?: string;
}

/** A visual made within one call (stills, fast image APIs). */
export interface ShortVisualProviderV1 extends VisualProviderBaseV1 {
  readonly mode: 'short';
  doGenerate(options: VisualCallOptionsV1): Promise<VisualResultV1>;
}

/** A visual made remotely over minutes (WAN 2.2 on a GPU): start, then poll or webhook. */
export interface LongRunningVisualProviderV1
  extends VisualProviderBaseV1, LongRunningV1<VisualCallOptionsV1, VisualResultV1> {
  readonly mode: 'long-running';
}

/** Makes one scene's picture or clip. The runner accepts either shape. */
export type VisualProviderV1 = ShortVisualProviderV1 | LongRunningVisualProviderV1;
