import type { PcmAudio } from '@looply/core';

/** Joins clips of the same format with `pauseSec` of silence between consecutive clips. */
export function concatenatePcm(clips: PcmAudio[], pauseSec: number): PcmAudio {
  if (clips.length === 0) throw new Error('concatenatePcm: no clips');
  const { sampleRate, channels } = clips[0];
  for (const [index, clip] of clips.entries()) {
    if (clip.sampleRate !== sampleRate || clip.channels !== channels) {
      throw new Error(
        `concatenatePcm: clip ${index} is ${clip.sampleRate} Hz × ${clip.channels} channels, clip 0 is ${sampleRate} Hz × ${channels}`,
      );
    }
  }
  const pauseSamples = Math.round(pauseSec * sampleRate) * channels;
  const total = clips.reduce((sum, clip) => sum + clip.samples.length, 0) + pauseSamples * (clips.length - 1);
  const samples = new Int16Array(total);
  let offset = 0;
  for (const [index, clip] of clips.entries()) {
    samples.set(clip.samples, offset);
    offset += clip.samples.length + (index < clips.length - 1 ? pauseSamples : 0);
  }
  return { sampleRate, channels, samples };
}
