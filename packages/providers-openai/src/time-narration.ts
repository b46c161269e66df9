import { audioDurationSec, type PcmAudio, type SceneTiming, type Script, type WordTiming } from '@looply/core';
import { estimateWordTimings } from './estimate-word-timings.js';
import { matchHeardWords, type HeardWord } from './openai-word-timestamps.js';
import { findSpeechBounds } from './speech-bounds.js';

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/**
 * Caption words with the heard times where the transcription matched them (offset to the
 * narration), the estimate elsewhere, kept in order and inside the scene's clip.
 */
function placeWords(
  estimated: WordTiming[],
  matched: Array<{ startSec: number; endSec: number } | undefined>,
  offset: number,
  clipEndSec: number,
): WordTiming[] {
  let previousEnd = offset;
  return estimated.map((word, index) => {
    const heard = matched[index];
    const startSec = Math.min(clipEndSec, Math.max(previousEnd, heard ? offset + heard.startSec : word.startSec));
    const endSec = Math.min(clipEndSec, Math.max(startSec, heard ? offset + heard.endSec : word.endSec));
    previousEnd = endSec;
    return { ...word, startSec: round3(startSec), endSec: round3(endSec) };
  });
}

export interface NarrationTimingInput {
  scenes: Script['scenes'];
  /** One clip per scene, in order, joined with `pauseSec` of silence between them. */
  clips: PcmAudio[];
  /** Each scene's transcribed words, when word timestamps were asked for and came back. */
  heard: Array<{ words: HeardWord[] } | undefined>;
  pauseSec: number;
  /** The joined narration's length. */
  durationSec: number;
  /** Whether word timestamps were asked for at all. */
  transcribed: boolean;
}

/**
 * Scene timings (abutting: each scene keeps the pause after it, the last ends with the audio) and
 * word timings: heard where the transcription matched, estimated within the speech elsewhere.
 */
export function timeNarration(input: NarrationTimingInput): {
  scenes: SceneTiming[];
  words: WordTiming[];
  wordTimingsExact: boolean;
} {
  const { scenes, clips, pauseSec, durationSec } = input;
  const sceneTimings: SceneTiming[] = [];
  const words: WordTiming[] = [];
  let offset = 0;
  let allExact = input.transcribed;
  for (const [index, clip] of clips.entries()) {
    const clipSec = audioDurationSec(clip);
    const isLast = index === clips.length - 1;
    // Scenes abut: each keeps the pause after it, the last ends with the audio.
    const endSec = isLast ? durationSec : offset + clipSec + pauseSec;
    sceneTimings.push({ startSec: round3(offset), endSec: round3(endSec) });
    const speech = findSpeechBounds(clip);
    const estimated = estimateWordTimings(
      scenes[index].narration,
      index,
      offset + speech.startSec,
      offset + speech.endSec,
    );
    const heard = input.heard[index];
    const matched = heard
      ? matchHeardWords(
          estimated.map((word) => word.text),
          heard.words,
        )
      : estimated.map(() => undefined);
    if (matched.some((word) => !word)) allExact = false;
    words.push(...placeWords(estimated, matched, offset, offset + clipSec));
    offset = endSec;
  }
  return { scenes: sceneTimings, words, wordTimingsExact: allExact };
}
