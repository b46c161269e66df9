import type { Timeline } from '../../../timeline/timeline.js';
import type { ArtifactRef } from '../../../artifacts/artifact-ref.js';
import type { CallOptionsV1 } from '../../shared/v1/call-options-v1.js';
import type { LongRunningV1 } from '../../shared/v1/long-running-v1.js';
import type { UsageV1 } from '../../shared/v1/usage-v1.js';
import type { WarningV1 } from '../../shared/v1/warning-v1.js';

export interface AssemblyCallOptionsV1 extends CallOptionsV1 {
  timeline: Timeline;
  /** Reports render progress 0–1 (optional for providers). */
  onProgress?: (fraction: number) => void;
}

export interface AssemblyResultV1 {
  video: ArtifactRef;
  durationSec: number;
  width: number;
  height: number;
  usage: UsageV1;
  warnings: WarningV1[];
}

interface AssemblyProviderBaseV1 {
  readonly specificationVersion: 'v1';
  readonly kind: 'assembly';
  readonly provider: string;
  /** The vendor model behind this provider, when it has one (shown in logs; set by `create<Vendor>().<step>(modelId)`). */
  readonly modelId?: string;
}

export interface ShortAssemblyProviderV1 extends AssemblyProviderBaseV1 {
  readonly mode: 'short';
  doGenerate(options: AssemblyCallOptionsV1): Promise<AssemblyResultV1>;
}

export interface LongRunningAssemblyProviderV1
  extends AssemblyProviderBaseV1, LongRunningV1<AssemblyCallOptionsV1, AssemblyResultV1> {
  readonly mode: 'long-running';
}

/** Cuts picture, voice, captions and music into the final MP4 from a Timeline. */
export type AssemblyProviderV1 = ShortAssemblyProviderV1 | LongRunningAssemblyProviderV1;
