import type { ElevenLabsCharacterAlignmentWire } from '../elevenlabs-api-types.js';

/** Per-character speaking time in milliseconds at speed 1.0: pauses after punctuation, one gap per run of spaces. */
function characterMilliseconds(character: string, previous: string | undefined): number {
  if (/\s/u.test(character)) return previous !== undefined && /\s/u.test(previous) ? 0 : 60;
  if (/[.!?…]/u.test(character)) return 250;
  if (/[,;:]/u.test(character)) return 150;
  return 70;
}

const TRAILING_SILENCE_MS = 150;

/**
 * The alignment the fake gives a text: one entry per input character (code point), starting at 0,
 * times in whole milliseconds like ElevenLabs'. The audio runs 150 ms past the last character.
 */
export function fakeSpeechTiming(
  text: string,
  speed = 1,
): { alignment: ElevenLabsCharacterAlignmentWire; durationMs: number } {
  const characters = Array.from(text);
  const starts: number[] = [];
  const ends: number[] = [];
  let cursor = 0;
  characters.forEach((character, index) => {
    const length = Math.round(characterMilliseconds(character, characters[index - 1]) / speed);
    starts.push(cursor / 1000);
    cursor += length;
    ends.push(cursor / 1000);
  });
  return {
    alignment: { characters, character_start_times_seconds: starts, character_end_times_seconds: ends },
    durationMs: cursor + TRAILING_SILENCE_MS,
  };
}

/** Real PCM16 audio: a soft tone while a letter is spoken, silence for spaces, pauses and the tail. */
export function renderFakeSpeechPcm(
  alignment: ElevenLabsCharacterAlignmentWire,
  durationMs: number,
  sampleRate: number,
): Buffer {
  const sampleCount = Math.round((durationMs / 1000) * sampleRate);
  const pcm = Buffer.alloc(sampleCount * 2);
  alignment.characters.forEach((character, index) => {
    if (!/[\p{L}\p{N}]/u.test(character)) return;
    const first = Math.round(alignment.character_start_times_seconds[index] * sampleRate);
    const last = Math.min(Math.round(alignment.character_end_times_seconds[index] * sampleRate), sampleCount);
    const frequency = 160 + (character.codePointAt(0)! % 24) * 10;
    for (let sample = first; sample < last; sample += 1) {
      const value = Math.sin((2 * Math.PI * frequency * sample) / sampleRate) * 0.25 * 32767;
      pcm.writeInt16LE(Math.round(value), sample * 2);
    }
  });
  return pcm;
}

/** ElevenLabs' normalized alignment: the same characters without zero-length whitespace. */
export function normalizedAlignmentOf(alignment: ElevenLabsCharacterAlignmentWire): ElevenLabsCharacterAlignmentWire {
  const keep = alignment.characters.map(
    (character, index) =>
      alignment.character_end_times_seconds[index] > alignment.character_start_times_seconds[index] ||
      !/\s/u.test(character),
  );
  return {
    characters: alignment.characters.filter((_, index) => keep[index]),
    character_start_times_seconds: alignment.character_start_times_seconds.filter((_, index) => keep[index]),
    character_end_times_seconds: alignment.character_end_times_seconds.filter((_, index) => keep[index]),
  };
}
