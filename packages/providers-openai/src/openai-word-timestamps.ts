import { toFile, type OpenAI } from 'openai';
import { z } from 'zod';
import { requestOptions } from './openai-client.js';
import { callOpenAI } from './openai-error.js';

/** The parts of a `verbose_json` transcription we read; lenient, so new fields never break us. */
export const transcriptionWordsSchema = z.looseObject({
  duration: z.number().nullish(),
  words: z.array(z.looseObject({ word: z.string(), start: z.number(), end: z.number() })).nullish(),
  usage: z.looseObject({ type: z.string(), seconds: z.number().nullish() }).nullish(),
});
export type TranscriptionWords = z.infer<typeof transcriptionWordsSchema>;

export interface HeardWord {
  word: string;
  start: number;
  end: number;
}

/** Asks `/v1/audio/transcriptions` where each word of one scene's WAV is said. */
export async function transcribeWords(
  client: OpenAI,
  request: {
    wav: Buffer;
    sceneIndex: number;
    model: string;
    abortSignal: AbortSignal;
    idempotencyKey: string;
    timeoutMs: number;
  },
): Promise<{ words: HeardWord[]; audioSeconds: number }> {
  const context = {
    operation: `word timestamps for scene ${request.sceneIndex}`,
    abortSignal: request.abortSignal,
    timeoutMs: request.timeoutMs,
  };
  const raw = await callOpenAI(context, async () =>
    client.audio.transcriptions.create(
      {
        file: await toFile(request.wav, `scene-${request.sceneIndex}.wav`, { type: 'audio/wav' }),
        model: request.model,
        response_format: 'verbose_json',
        timestamp_granularities: ['word'],
      },
      requestOptions({
        abortSignal: request.abortSignal,
        idempotencyKey: request.idempotencyKey,
        timeoutMs: request.timeoutMs,
      }),
    ),
  );
  const parsed = transcriptionWordsSchema.parse(raw);
  return { words: parsed.words ?? [], audioSeconds: parsed.usage?.seconds ?? parsed.duration ?? 0 };
}

const normalise = (word: string) =>
  word
    .toLowerCase()
    .replace(/[’‘]/gu, "'")
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');

/**
 * Matches the caption words (the script's words, punctuation attached) with the words the
 * transcription heard, by an edit-distance alignment of their normalised spellings: the
 * transcript may spell a number in words, split or merge a word, or mishear one. A caption
 * word gets the heard word's times when they match; undefined otherwise.
 */
export function matchHeardWords(
  captionWords: string[],
  heard: HeardWord[],
): Array<{ startSec: number; endSec: number } | undefined> {
  const expected = captionWords.map(normalise);
  const got = heard.map((word) => normalise(word.word));
  const columns = got.length + 1;
  const cost = new Uint32Array((expected.length + 1) * columns);
  for (let row = 0; row <= expected.length; row++) cost[row * columns] = row;
  for (let column = 0; column <= got.length; column++) cost[column] = column;
  for (let row = 1; row <= expected.length; row++) {
    for (let column = 1; column <= got.length; column++) {
      const same = expected[row - 1] === got[column - 1] ? 0 : 1;
      cost[row * columns + column] = Math.min(
        cost[(row - 1) * columns + column - 1] + same,
        cost[(row - 1) * columns + column] + 1,
        cost[row * columns + column - 1] + 1,
      );
    }
  }
  const matched: Array<{ startSec: number; endSec: number } | undefined> = captionWords.map(() => undefined);
  let row = expected.length;
  let column = got.length;
  while (row > 0 && column > 0) {
    const same = expected[row - 1] === got[column - 1] ? 0 : 1;
    if (cost[row * columns + column] === cost[(row - 1) * columns + column - 1] + same) {
      if (same === 0) matched[row - 1] = { startSec: heard[column - 1].start, endSec: heard[column - 1].end };
      row--;
      column--;
    } else if (cost[row * columns + column] === cost[(row - 1) * columns + column] + 1) {
      row--;
    } else {
      column--;
    }
  }
  return matched;
}
