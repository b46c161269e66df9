// espeak-ng's "words per minute" is nominal. Measured on template scripts (speech and pauses):
// English at 145 and French at 140 both come out at about 2.5 real words per second.
const WORDS_PER_MINUTE_BY_LANGUAGE: Record<string, number> = { fr: 140 };
const DEFAULT_WORDS_PER_MINUTE = 145;
// The speed at which the pause lengths below were measured.
const REFERENCE_WORDS_PER_MINUTE = 150;

/** The espeak-ng speed (`-s`) that speaks `language` at about 2.5 words per second. */
export function wordsPerMinuteFor(language: string): number {
  return WORDS_PER_MINUTE_BY_LANGUAGE[language.split('-')[0].toLowerCase()] ?? DEFAULT_WORDS_PER_MINUTE;
}

/** Typical pauses espeak-ng leaves at this speed (measured at 150: ~0.19 s after a comma, ~0.4 s after a full stop). */
export function pausesAt(wordsPerMinute: number): { clausePauseSec: number; sentencePauseSec: number } {
  const scale = REFERENCE_WORDS_PER_MINUTE / wordsPerMinute;
  return { clausePauseSec: 0.19 * scale, sentencePauseSec: 0.4 * scale };
}

const FIT_TOLERANCE = 0.06;
const SLOWEST = 0.75;
const FASTEST = 1.4;

/**
 * The speed that brings `spokenSec` (speech at `wordsPerMinute`) close to `targetSec`, assuming
 * speech time scales inversely with speed; `wordsPerMinute` itself when already within 6 %.
 * Kept within 0.75–1.4× of `nominal` so the voice stays natural.
 */
export function fittedWordsPerMinute(
  wordsPerMinute: number,
  spokenSec: number,
  targetSec: number,
  nominal = wordsPerMinute,
): number {
  if (spokenSec <= 0 || targetSec <= 0) return wordsPerMinute;
  const ratio = spokenSec / targetSec;
  if (Math.abs(ratio - 1) <= FIT_TOLERANCE) return wordsPerMinute;
  const fitted = Math.round(wordsPerMinute * ratio);
  return Math.min(Math.max(fitted, Math.ceil(nominal * SLOWEST)), Math.floor(nominal * FASTEST));
}

/**
 * Flite's `duration_stretch` (1 = the voice's own pace, above 1 slower) that brings `spokenSec`
 * (speech at `stretch`) close to `targetSec`; `stretch` itself when already within 6 %. Kept
 * within the same 0.75–1.4× speed range as espeak-ng's fitting.
 */
export function fittedDurationStretch(stretch: number, spokenSec: number, targetSec: number): number {
  if (spokenSec <= 0 || targetSec <= 0) return stretch;
  const ratio = targetSec / spokenSec;
  if (Math.abs(ratio - 1) <= FIT_TOLERANCE) return stretch;
  const fitted = Math.round(stretch * ratio * 100) / 100;
  return Math.min(Math.max(fitted, 1 / FASTEST), 1 / SLOWEST);
}
