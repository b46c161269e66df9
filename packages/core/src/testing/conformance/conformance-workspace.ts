import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArtifactStore } from '../../artifacts/artifact-store.js';
import { LocalArtifactStore } from '../../artifacts/local-artifact-store.js';
import type { CallOptionsV1 } from '../../spec/shared/v1/call-options-v1.js';

/** Artifact stores for the checks: the caller's, or local stores in temporary folders removed by `dispose`. */
export class ConformanceWorkspace {
  private readonly folders: string[] = [];

  constructor(private readonly createArtifacts?: () => ArtifactStore | Promise<ArtifactStore>) {}

  async artifacts(): Promise<ArtifactStore> {
    if (this.createArtifacts) return this.createArtifacts();
    const folder = await mkdtemp(join(tmpdir(), 'looply-conformance-'));
    this.folders.push(folder);
    return new LocalArtifactStore(folder);
  }

  async dispose(): Promise<void> {
    const folders = this.folders.splice(0);
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  }
}

/** Call options with a unique idempotency key and a fresh artifact prefix (`conformance/<label>-<id>`). */
export function conformanceCallOptions(
  artifacts: ArtifactStore,
  label: string,
  abortSignal: AbortSignal = new AbortController().signal,
): CallOptionsV1 {
  const id = randomUUID();
  return {
    abortSignal,
    idempotencyKey: `looply-conformance-${label}-${id}`,
    artifacts,
    artifactPrefix: `conformance/${label}-${id.slice(0, 8)}`,
  };
}

/** A signal that has already fired, as a cancelled job's would have. */
export function abortedSignal(): AbortSignal {
  const controller = new AbortController();
  controller.abort('looply conformance: aborted before the call');
  return controller.signal;
}
