import assert from 'node:assert/strict';
import { artifactRefSchema, type ArtifactRef } from '../../artifacts/artifact-ref.js';
import type { ArtifactStore } from '../../artifacts/artifact-store.js';
import { checkSchema } from './check-schema.js';

export interface StoredArtifactExpectations {
  artifacts: ArtifactStore;
  /** The call's `artifactPrefix`: outputs must be written under it. */
  artifactPrefix: string;
  /** e.g. `audio/`, `image/`, `video/`. */
  contentTypePrefix: string;
  where: string;
}

/** The ref is valid, lives under the call's prefix, exists in the store and is not empty. Returns its bytes. */
export async function checkStoredArtifact(ref: unknown, expected: StoredArtifactExpectations): Promise<Buffer> {
  const artifact: ArtifactRef = checkSchema(artifactRefSchema, ref, expected.where);
  const prefix = expected.artifactPrefix.replace(/\/$/, '');
  assert.ok(
    artifact.key.startsWith(`${prefix}/`),
    `${expected.where}: key "${artifact.key}" must be under the call's artifactPrefix "${prefix}/"`,
  );
  assert.ok(
    artifact.contentType.startsWith(expected.contentTypePrefix),
    `${expected.where}: contentType "${artifact.contentType}" must start with "${expected.contentTypePrefix}"`,
  );
  assert.ok(
    await expected.artifacts.exists(artifact.key),
    `${expected.where}: "${artifact.key}" does not exist in the artifact store`,
  );
  const data = await expected.artifacts.get(artifact.key);
  assert.ok(data.length > 0, `${expected.where}: "${artifact.key}" is empty`);
  if (artifact.bytes !== undefined) {
    assert.equal(
      artifact.bytes,
      data.length,
      `${expected.where}: bytes says ${artifact.bytes} but "${artifact.key}" holds ${data.length} bytes`,
    );
  }
  return data;
}
