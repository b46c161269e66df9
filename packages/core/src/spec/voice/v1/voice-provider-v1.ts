import type { Brief } from '../../../domain/brief.js';
import type { Narration } from '../../../domain/narration.js';
import type { Script } from '../../../domain/script.js';
import type { CallOptionsV1 } from '../../shared/v1/call-options-v1.js';
import type { UsageV1 } from '../../shared/v1/usage-v1.js';
import type { WarningV1 } from '../../shared/v1/warning-v1.js';

export interface VoiceCallOptionsV1 extends CallOptionsV1 {
  script: Script;
  brief: Brief;
  /** The voice asked for (brief or settings); providers fall back to their default and warn. */
  voice?: string;
}

export interface VoiceResultV1 {
  /** One audio artifact, per-scene boundaries and word timings. */
  narration: Narration;
  usage: UsageV1;
  warnings: WarningV1[];
}

/** Voices a script. Scene boundaries must be exact: the cuts follow them. */
export interface VoiceProviderV1 {
  readonly specificationVersion: 'v1';
  readonly kind: 'voice';
  readonly provider: string;
  /** The vendor model behind this provider, when it has one (shown in logs; set by `create<Vendor>().<step>(modelId)`). */
  readonly modelId?: string;
  doSynthesize(options: VoiceCallOptionsV1): Promise<VoiceResultV1>;
}
