import assert from 'node:assert/strict';
import type { ArtifactRef } from '../../artifacts/artifact-ref.js';
import { artifactRefSchema } from '../../artifacts/artifact-ref.js';
import type { ArtifactStore } from '../../artifacts/artifact-store.js';
import type { AssemblyResultV1 } from '../../spec/assembly/v1/assembly-provider-v1.js';
import type { Timeline } from '../../timeline/timeline.js';
import { checkSchema } from './check-schema.js';
import { checkStoredArtifact } from './check-stored-artifact.js';
import { checkUsageAndWarnings } from './check-usage-and-warnings.js';
import { describeValue } from './describe-value.js';

/** Measures a rendered video, e.g. with ffprobe; lets the suite compare the file itself with the timeline. */
export type InspectVideo = (input: {
  artifact: ArtifactRef;
  artifacts: ArtifactStore;
}) => Promise<{ width: number; height: number; durationSec: number }>;

/** SHAPE: a video ref, positive size and duration, `usage` and `warnings`. */
export function checkAssemblyResultShape(result: unknown, where = 'assembly result'): AssemblyResultV1 {
  assert.ok(result !== null && typeof result === 'object', `${where}: must be an object, got ${describeValue(result)}`);
  const candidate = result as Partial<AssemblyResultV1>;
  checkSchema(artifactRefSchema, candidate.video, `${where} video`);
  for (const field of ['width', 'height'] as const) {
    assert.ok(
      Number.isInteger(candidate[field]) && (candidate[field] ?? 0) > 0,
      `${where}: ${field} must be a positive integer, got ${describeValue(candidate[field])}`,
    );
  }
  assert.ok(
    typeof candidate.durationSec === 'number' && Number.isFinite(candidate.durationSec) && candidate.durationSec > 0,
    `${where}: durationSec must be a positive number, got ${describeValue(candidate.durationSec)}`,
  );
  checkUsageAndWarnings(candidate, where);
  return candidate as AssemblyResultV1;
}

export interface AssemblyOutputExpectations {
  timeline: Timeline;
  artifacts: ArtifactStore;
  artifactPrefix: string;
  /** Allowed duration difference in seconds. */
  durationToleranceSec: number;
  inspectVideo?: InspectVideo;
}

function checkMatchesTimeline(
  measured: { width: number; height: number; durationSec: number },
  expected: AssemblyOutputExpectations,
  what: string,
): void {
  const { output, durationSec } = expected.timeline;
  assert.ok(
    measured.width === output.width && measured.height === output.height,
    `${what} is ${measured.width}x${measured.height}, the timeline's output is ${output.width}x${output.height}`,
  );
  assert.ok(
    Math.abs(measured.durationSec - durationSec) <= expected.durationToleranceSec,
    `${what} lasts ${measured.durationSec} s, the timeline ${durationSec} s (allowed ±${expected.durationToleranceSec} s)`,
  );
}

/** OUTPUT: the video exists under the prefix, and its size and duration match the timeline. */
export async function checkAssemblyOutput(
  result: AssemblyResultV1,
  expected: AssemblyOutputExpectations,
  where = 'assembly result',
): Promise<void> {
  await checkStoredArtifact(result.video, {
    artifacts: expected.artifacts,
    artifactPrefix: expected.artifactPrefix,
    contentTypePrefix: 'video/',
    where: `${where} video`,
  });
  checkMatchesTimeline(result, expected, `${where}: the reported video`);
  if (expected.inspectVideo) {
    const measured = await expected.inspectVideo({ artifact: result.video, artifacts: expected.artifacts });
    checkMatchesTimeline(measured, expected, `${where}: the rendered file (inspectVideo)`);
  }
}
