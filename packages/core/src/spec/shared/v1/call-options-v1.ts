import type { ArtifactStore } from '../../../artifacts/artifact-store.js';

/** Options every provider call receives. */
export interface CallOptionsV1 {
  /** Fires when the job is cancelled or the worker shuts down. Providers must stop and throw. */
  abortSignal: AbortSignal;
  /**
   * Stable across retries of the same (job, step, scene): pass it to the vendor so a retried
   * paid call is not paid twice.
   */
  idempotencyKey: string;
  /** Vendor-specific options keyed by provider id: `{ openai: { model: 'gpt-4o' } }`. */
  providerOptions?: Record<string, Record<string, unknown>>;
  /** Where to read inputs and write outputs. */
  artifacts: ArtifactStore;
  /** Prefix under which this call writes its artifacts, e.g. `jobs/<jobId>/visual/scene-2`. */
  artifactPrefix: string;
}
