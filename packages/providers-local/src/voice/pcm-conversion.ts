import type { PcmAudio } from '@looply/core';

/** Averages the channels into one. */
export function toMono(audio: PcmAudio): PcmAudio {
  if (audio.channels === 1) return audio;
  const frames = Math.floor(audio.samples.length / audio.channels);
  const samples = new Int16Array(frames);
  for (let frame = 0; frame < frames; frame++) {
    let sum = 0;
    for (let channel = 0; channel < audio.channels; channel++) sum += audio.samples[frame * audio.channels + channel];
    samples[frame] = Math.round(sum / audio.channels);
  }
  return { sampleRate: audio.sampleRate, channels: 1, samples };
}

/** Mono resampling by linear interpolation: enough for speech that the assembler resamples again anyway. */
export function resampleLinear(audio: PcmAudio, sampleRate: number): PcmAudio {
  const mono = toMono(audio);
  if (mono.sampleRate === sampleRate) return mono;
  const input = mono.samples;
  const length = Math.round((input.length * sampleRate) / mono.sampleRate);
  const samples = new Int16Array(length);
  const step = mono.sampleRate / sampleRate;
  for (let index = 0; index < length; index++) {
    const position = index * step;
    const left = Math.floor(position);
    const right = Math.min(left + 1, input.length - 1);
    const fraction = position - left;
    samples[index] = Math.round(input[Math.min(left, input.length - 1)] * (1 - fraction) + input[right] * fraction);
  }
  return { sampleRate, channels: 1, samples };
}
