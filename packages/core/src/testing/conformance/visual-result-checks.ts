import assert from 'node:assert/strict';
import type { ArtifactStore } from '../../artifacts/artifact-store.js';
import type { OutputFormat } from '../../domain/brief.js';
import { sceneVisualSchema } from '../../domain/scene-visual.js';
import type { VisualResultV1, VisualSceneV1 } from '../../spec/visual/v1/visual-provider-v1.js';
import { readPngSize } from '../media/read-png-size.js';
import { checkSchema } from './check-schema.js';
import { checkStoredArtifact } from './check-stored-artifact.js';
import { checkUsageAndWarnings } from './check-usage-and-warnings.js';
import { describeValue } from './describe-value.js';

/** SHAPE: the visual validates against `sceneVisualSchema`, with `usage` and `warnings`. */
export function checkVisualResultShape(result: unknown, where = 'visual result'): VisualResultV1 {
  assert.ok(result !== null && typeof result === 'object', `${where}: must be an object, got ${describeValue(result)}`);
  const candidate = result as Partial<VisualResultV1>;
  checkSchema(sceneVisualSchema, candidate.visual, `${where} visual`);
  checkUsageAndWarnings(candidate, where);
  return candidate as VisualResultV1;
}

export interface VisualOutputExpectations {
  scene: VisualSceneV1;
  output: OutputFormat;
  artifacts: ArtifactStore;
  artifactPrefix: string;
  /** Allowed relative aspect-ratio difference for video clips (vendors render fixed sizes), e.g. 0.05. */
  aspectTolerance: number;
  /** When false, stills may differ in size as long as the aspect ratio is within tolerance. */
  exactImageSize: boolean;
}

/** OUTPUT: right scene, artifact stored under the prefix, size matching the output, clip duration for videos. */
export async function checkVisualOutput(
  result: VisualResultV1,
  expected: VisualOutputExpectations,
  where = 'visual result',
): Promise<void> {
  const { visual } = result;
  assert.equal(
    visual.sceneIndex,
    expected.scene.index,
    `${where}: sceneIndex is ${visual.sceneIndex} for a call about scene ${expected.scene.index}`,
  );
  const data = await checkStoredArtifact(visual.artifact, {
    artifacts: expected.artifacts,
    artifactPrefix: expected.artifactPrefix,
    contentTypePrefix: visual.kind === 'image' ? 'image/' : 'video/',
    where: `${where} visual.artifact`,
  });
  const { width, height } = expected.output;
  const size = `${visual.width}x${visual.height}`;
  const aspectGap = Math.abs(visual.width / visual.height - width / height) / (width / height);
  if (visual.kind === 'image' && expected.exactImageSize) {
    assert.ok(
      visual.width === width && visual.height === height,
      `${where}: the still is ${size}, the requested output is ${width}x${height}`,
    );
  } else {
    assert.ok(
      aspectGap <= expected.aspectTolerance,
      `${where}: the ${visual.kind} is ${size}, whose aspect ratio is ${(aspectGap * 100).toFixed(1)}% away from the output's ${width}x${height} (allowed ${(expected.aspectTolerance * 100).toFixed(1)}%)`,
    );
  }
  if (visual.kind === 'video') {
    assert.ok(
      visual.durationSec !== undefined && visual.durationSec > 0,
      `${where}: a video clip must report its durationSec`,
    );
  }
  const pngSize = readPngSize(data);
  if (pngSize) {
    assert.ok(
      pngSize.width === visual.width && pngSize.height === visual.height,
      `${where}: the PNG is ${pngSize.width}x${pngSize.height} but the result says ${size}`,
    );
  }
}
