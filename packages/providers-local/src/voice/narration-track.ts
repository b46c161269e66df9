import type { SceneTiming } from '@looply/core';
import type { PcmAudio } from '@looply/core';

export interface NarrationTrack {
  audio: PcmAudio;
  /** Where each scene's speech starts and ends in `audio`. */
  scenes: SceneTiming[];
}

/**
 * Puts scenes' speech end to end with `pauseSec` of silence between them (not before the
 * first nor after the last). Scene i spans exactly its own samples, so scenes do not abut:
 * the pause lies between scenes[i].endSec and scenes[i + 1].startSec.
 */
export function joinSceneSpeech(speech: Int16Array[], sampleRate: number, pauseSec: number): NarrationTrack {
  const pauseSamples = Math.round(pauseSec * sampleRate);
  const total =
    speech.reduce((sum, samples) => sum + samples.length, 0) + pauseSamples * Math.max(0, speech.length - 1);
  const samples = new Int16Array(total);
  const scenes: SceneTiming[] = [];
  let offset = 0;
  for (const [index, sceneSamples] of speech.entries()) {
    if (index > 0) offset += pauseSamples;
    samples.set(sceneSamples, offset);
    scenes.push({ startSec: offset / sampleRate, endSec: (offset + sceneSamples.length) / sampleRate });
    offset += sceneSamples.length;
  }
  return { audio: { sampleRate, channels: 1, samples }, scenes };
}
