import assert from 'node:assert/strict';
import type { ArtifactStore } from '../../artifacts/artifact-store.js';
import { narrationSchema } from '../../domain/narration.js';
import type { Script } from '../../domain/script.js';
import type { VoiceResultV1 } from '../../spec/voice/v1/voice-provider-v1.js';
import { readWavDuration } from '../media/read-wav-duration.js';
import { checkSchema } from './check-schema.js';
import { checkStoredArtifact } from './check-stored-artifact.js';
import { checkUsageAndWarnings } from './check-usage-and-warnings.js';
import { describeValue } from './describe-value.js';

/** SHAPE: the narration validates against `narrationSchema`, with `usage` and `warnings`. */
export function checkVoiceResultShape(result: unknown, where = 'doSynthesize result'): VoiceResultV1 {
  assert.ok(result !== null && typeof result === 'object', `${where}: must be an object, got ${describeValue(result)}`);
  const candidate = result as Partial<VoiceResultV1>;
  checkSchema(narrationSchema, candidate.narration, `${where} narration`);
  checkUsageAndWarnings(candidate, where);
  return candidate as VoiceResultV1;
}

export interface VoiceTimingExpectations {
  script: Script;
  artifacts: ArtifactStore;
  artifactPrefix: string;
  /** Slack for float rounding and vendor alignment, in seconds. */
  toleranceSec: number;
}

/**
 * TIMING: one timing per script scene, monotonic and inside [0, durationSec]; words monotonic and
 * inside their scene; the audio exists, is not empty and (for WAV) lasts `durationSec`.
 */
export async function checkVoiceTiming(
  result: VoiceResultV1,
  expected: VoiceTimingExpectations,
  where = 'doSynthesize result',
): Promise<void> {
  const { narration } = result;
  const slack = expected.toleranceSec;
  assert.equal(
    narration.scenes.length,
    expected.script.scenes.length,
    `${where}: narration has ${narration.scenes.length} scene timings for a script of ${expected.script.scenes.length} scenes`,
  );
  narration.scenes.forEach((scene, index) => {
    const label = `${where}: scene ${index} (${scene.startSec}–${scene.endSec} s)`;
    assert.ok(scene.endSec > scene.startSec, `${label} must end after it starts`);
    assert.ok(
      scene.startSec >= -slack && scene.endSec <= narration.durationSec + slack,
      `${label} must lie within [0, ${narration.durationSec}] s`,
    );
    if (index > 0) {
      const previous = narration.scenes[index - 1];
      assert.ok(
        scene.startSec >= previous.endSec - slack,
        `${label} starts before scene ${index - 1} ends (${previous.endSec} s)`,
      );
    }
  });
  const hasText = expected.script.scenes.some((scene) => /\S/.test(scene.narration));
  assert.ok(
    !hasText || narration.words.length > 0,
    `${where}: words is empty; estimate word timings within each scene when the vendor gives none`,
  );
  narration.words.forEach((word, index) => {
    const label = `${where}: word ${index} "${word.text}" (${word.startSec}–${word.endSec} s, scene ${word.sceneIndex})`;
    assert.ok(word.endSec >= word.startSec, `${label} must not end before it starts`);
    const scene = narration.scenes[word.sceneIndex];
    assert.ok(scene, `${label} names a scene that does not exist`);
    assert.ok(
      word.startSec >= scene.startSec - slack && word.endSec <= scene.endSec + slack,
      `${label} lies outside its scene's span ${scene.startSec}–${scene.endSec} s`,
    );
    if (index > 0) {
      const previous = narration.words[index - 1];
      assert.ok(
        word.startSec >= previous.startSec - 1e-9,
        `${label} starts before the previous word (${previous.startSec} s): words must be in order`,
      );
      assert.ok(
        word.sceneIndex >= previous.sceneIndex,
        `${label} goes back to an earlier scene than the previous word (${previous.sceneIndex})`,
      );
    }
  });
  const audio = await checkStoredArtifact(narration.audio, {
    artifacts: expected.artifacts,
    artifactPrefix: expected.artifactPrefix,
    contentTypePrefix: 'audio/',
    where: `${where} narration.audio`,
  });
  const wavDuration = readWavDuration(audio);
  if (wavDuration !== null) {
    const allowed = Math.max(0.1, narration.durationSec * 0.02);
    assert.ok(
      Math.abs(wavDuration - narration.durationSec) <= allowed,
      `${where}: the WAV lasts ${wavDuration.toFixed(3)} s but durationSec says ${narration.durationSec} s (allowed ±${allowed.toFixed(2)} s)`,
    );
  }
}
