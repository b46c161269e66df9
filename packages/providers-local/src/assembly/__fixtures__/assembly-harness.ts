import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalArtifactStore, type AssemblyCallOptionsV1, type Timeline } from '@looply/core';

/** Two short scenes of narration: enough for a caption per scene, a transition and ducked music. */
export const TWO_SCENES = ['Solar panels turn sunlight into power.', 'Prices fell fast, so it is cheap now!'];

export interface AssemblyHarness {
  /** A temporary folder of the suite, removed after it. */
  root: string;
  /** An artifact store inside `root`. */
  artifacts: LocalArtifactStore;
  /** The call options of one render of `timeline`, storing under `prefix`. */
  callOptions(timeline: Timeline, prefix: string, extra?: Partial<AssemblyCallOptionsV1>): AssemblyCallOptionsV1;
}

/**
 * Registers the hooks that give the calling `describe` a temporary artifact store: call it in
 * the describe's body; `root` and `artifacts` are set once its `before` hooks have run.
 */
export function useAssemblyHarness(): AssemblyHarness {
  const harness: AssemblyHarness = {
    root: '',
    artifacts: undefined as unknown as LocalArtifactStore,
    callOptions: (timeline, prefix, extra = {}) => ({
      timeline,
      artifacts: harness.artifacts,
      artifactPrefix: prefix,
      abortSignal: new AbortController().signal,
      idempotencyKey: prefix,
      ...extra,
    }),
  };
  before(async () => {
    harness.root = await mkdtemp(join(tmpdir(), 'looply-assembly-test-'));
    harness.artifacts = new LocalArtifactStore(harness.root);
  });
  after(async () => {
    await rm(harness.root, { recursive: true, force: true });
  });
  return harness;
}
