import type { WordTiming } from '@looply/core';
import type { CharacterAlignment } from './elevenlabs-api-types.js';

/** Where a clip sits in the narration. */
export interface ClipPlacement {
  /** Start of the clip in the narration (the audio of every clip before it). */
  offsetSec: number;
  /** The clip's measured audio duration; alignment times are clamped into it. */
  durationSec: number;
  sceneIndex: number;
}

const round = (seconds: number) => Math.round(seconds * 1e6) / 1e6;

/**
 * Character alignment → word timings. Words are split on whitespace, punctuation stays attached
 * ("power," "sun!"), and a word spans from its first character's start to its last character's end.
 */
export function wordsFromAlignment(alignment: CharacterAlignment, placement: ClipPlacement): WordTiming[] {
  const count = Math.min(
    alignment.characters.length,
    alignment.characterStartTimesSeconds.length,
    alignment.characterEndTimesSeconds.length,
  );
  const clamp = (seconds: number) =>
    Math.min(Math.max(Number.isFinite(seconds) ? seconds : 0, 0), placement.durationSec);
  const words: WordTiming[] = [];
  let text = '';
  let startSec = 0;
  let endSec = 0;
  const close = () => {
    if (text) {
      words.push({
        text,
        startSec: round(placement.offsetSec + startSec),
        endSec: round(placement.offsetSec + Math.max(endSec, startSec)),
        sceneIndex: placement.sceneIndex,
      });
    }
    text = '';
  };
  for (let index = 0; index < count; index += 1) {
    const character = alignment.characters[index];
    if (/^\s*$/u.test(character)) {
      close();
      continue;
    }
    if (!text) startSec = clamp(alignment.characterStartTimesSeconds[index]);
    text += character;
    endSec = clamp(alignment.characterEndTimesSeconds[index]);
  }
  close();
  return words;
}

/** Without an alignment: spreads the clip's duration over its words by length (estimated timings). */
export function estimateWords(text: string, placement: ClipPlacement): WordTiming[] {
  const tokens = text.split(/\s+/u).filter(Boolean);
  const weights = tokens.map((token) => Array.from(token).length + 1);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let cursor = 0;
  return tokens.map((token, index) => {
    const startSec = (cursor / total) * placement.durationSec;
    cursor += weights[index];
    const endSec = (cursor / total) * placement.durationSec;
    return {
      text: token,
      startSec: round(placement.offsetSec + startSec),
      endSec: round(placement.offsetSec + endSec),
      sceneIndex: placement.sceneIndex,
    };
  });
}
