import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalArtifactStore } from '../artifacts/local-artifact-store.js';
import type { CallOptionsV1 } from '../spec/shared/v1/call-options-v1.js';

/** A local artifact store in a fresh temporary folder, and the call options that use it (for this folder's own tests). */
export async function temporaryCallOptions(artifactPrefix = 'jobs/job-1/step'): Promise<{
  artifacts: LocalArtifactStore;
  call: CallOptionsV1;
  dispose: () => Promise<void>;
}> {
  const root = await mkdtemp(join(tmpdir(), 'looply-mock-test-'));
  const artifacts = new LocalArtifactStore(root);
  return {
    artifacts,
    call: { abortSignal: new AbortController().signal, idempotencyKey: 'job-1:step', artifacts, artifactPrefix },
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}
