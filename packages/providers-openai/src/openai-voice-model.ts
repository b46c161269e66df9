import { createHash } from 'node:crypto';
import {
  audioDurationSec,
  decodeWav,
  encodeWav,
  ProviderError,
  throwIfAborted,
  type Brief,
  type PcmAudio,
  type Narration,
  type SceneTiming,
  type VoiceCallOptionsV1,
  type VoiceProviderV1,
  type VoiceResultV1,
  type WarningV1,
  type WordTiming,
} from '@looply/core';
import type { OpenAISpeechRequest } from './openai-api-types.js';
import { parseOpenAICallOptions } from './openai-call-options.js';
import { requestOptions, type OpenAIClientFactory } from './openai-client.js';
import { callOpenAI, OPENAI_PROVIDER_ID } from './openai-error.js';
import {
  DEFAULT_SPEECH_MODEL,
  DEFAULT_SPEECH_VOICE,
  OPENAI_VOICES,
  openAIVoiceCallOptionsSchema,
} from './openai-options.js';
import { speechCostUsd, transcriptionCostUsd, type OpenAIPricing } from './openai-pricing.js';
import { matchHeardWords, transcribeWords, type HeardWord } from './openai-word-timestamps.js';
import { estimateWordTimings } from './estimate-word-timings.js';
import { findSpeechBounds } from './speech-bounds.js';
import { concatenatePcm } from './concatenate-pcm.js';

export interface OpenAIVoiceModelConfig {
  clients: OpenAIClientFactory;
  pricing: OpenAIPricing;
  model?: string;
  voice?: string;
  speed?: number;
  instructions?: string;
  pauseMs?: number;
  concurrency?: number;
  wordTimings?: 'transcription' | 'estimate';
  transcriptionModel?: string;
  timeoutMs: number;
}

const DEFAULT_TRANSCRIPTION_MODEL = 'whisper-1';

const DEFAULT_PAUSE_MS = 300;
const DEFAULT_CONCURRENCY = 3;

/** tts-1 and tts-1-hd take no `instructions`. */
function acceptsInstructions(model: string): boolean {
  return !/^tts-1(-hd)?(-|$)/.test(model);
}

type SpeechVoice = OpenAISpeechRequest['voice'];

/** The requested voice if OpenAI has it (a built-in name or a custom `voice_…` id), else the default with a warning. */
export function resolveOpenAIVoice(
  requested: string | undefined,
  fallback: string,
): { voice: SpeechVoice; warnings: WarningV1[] } {
  const asVoice = (name: string): SpeechVoice | undefined => {
    const lower = name.trim().toLowerCase();
    if ((OPENAI_VOICES as readonly string[]).includes(lower)) return lower;
    if (/^voice_[A-Za-z0-9]+$/.test(name.trim())) return { id: name.trim() };
    return undefined;
  };
  const fallbackVoice = asVoice(fallback) ?? fallback;
  if (requested === undefined) return { voice: fallbackVoice, warnings: [] };
  const voice = asVoice(requested);
  if (voice !== undefined) return { voice, warnings: [] };
  return {
    voice: fallbackVoice,
    warnings: [
      {
        type: 'unsupported-setting',
        setting: 'voice',
        details: `"${requested}" is not an OpenAI voice (${OPENAI_VOICES.join(', ')}); using "${typeof fallbackVoice === 'string' ? fallbackVoice : fallbackVoice.id}"`,
      },
    ],
  };
}

function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

function defaultInstructions(brief: Brief): string {
  return `Narrate a short video in ${languageName(brief.language)} with a ${brief.tone} tone: clear, warm and at a steady pace.`;
}

/** Runs `task` for every index with at most `concurrency` at once, keeping results in order; stops starting new ones after a failure. */
async function mapWithConcurrency<T>(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < count) {
      const index = next++;
      try {
        results[index] = await task(index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.min(concurrency, count) }, worker));
  const rejection = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (rejection) throw rejection.reason;
  return results;
}

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

/**
 * Voices a script with `/v1/audio/speech`, one WAV request per scene so every scene boundary
 * is measured exactly, and joins the scenes with short pauses. Word timings come from
 * `/v1/audio/transcriptions` word timestamps of each scene's audio (estimated where it fails,
 * or with `wordTimings: 'estimate'`).
 */
export class OpenAIVoiceModel implements VoiceProviderV1 {
  readonly specificationVersion = 'v1' as const;
  readonly kind = 'voice' as const;
  readonly provider = OPENAI_PROVIDER_ID;

  constructor(private readonly config: OpenAIVoiceModelConfig) {}

  get modelId(): string {
    return this.config.model ?? DEFAULT_SPEECH_MODEL;
  }

  async doSynthesize(options: VoiceCallOptionsV1): Promise<VoiceResultV1> {
    throwIfAborted(options.abortSignal);
    const { options: callOptions, warnings } = parseOpenAICallOptions(
      openAIVoiceCallOptionsSchema,
      options.providerOptions,
      'voice',
    );
    const model = callOptions.model ?? this.config.model ?? DEFAULT_SPEECH_MODEL;
    const resolved = resolveOpenAIVoice(
      callOptions.voice ?? options.voice ?? options.brief.voice,
      this.config.voice ?? DEFAULT_SPEECH_VOICE,
    );
    warnings.push(...resolved.warnings);
    const speed = callOptions.speed ?? this.config.speed;
    let instructions: string | undefined = callOptions.instructions ?? this.config.instructions;
    if (!acceptsInstructions(model)) {
      if (instructions !== undefined)
        warnings.push({
          type: 'unsupported-setting',
          setting: 'instructions',
          details: `${model} does not take instructions`,
        });
      instructions = undefined;
    } else {
      instructions ??= defaultInstructions(options.brief);
    }
    const client = this.config.clients.client();
    const scenes = options.script.scenes;
    const timingsBy = this.config.wordTimings ?? 'transcription';
    const transcriptionModel = this.config.transcriptionModel ?? DEFAULT_TRANSCRIPTION_MODEL;
    const timeoutMs = this.config.timeoutMs;

    const results = await mapWithConcurrency(
      scenes.length,
      this.config.concurrency ?? DEFAULT_CONCURRENCY,
      async (index) => {
        throwIfAborted(options.abortSignal);
        const body: OpenAISpeechRequest = {
          model,
          input: scenes[index].narration,
          voice: resolved.voice,
          response_format: 'wav',
          ...(instructions === undefined ? {} : { instructions }),
          ...(speed === undefined ? {} : { speed }),
        };
        // A retried step reuses the scenes it already paid for.
        const fingerprint = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16);
        const cacheKey = `${options.artifactPrefix}/scenes/scene-${index}-${fingerprint}.wav`;
        let wav: Buffer;
        let heard: { words: HeardWord[]; audioSeconds: number } | undefined;
        if (await options.artifacts.exists(cacheKey)) {
          wav = await options.artifacts.get(cacheKey);
        } else {
          const context = { operation: `speech for scene ${index}`, abortSignal: options.abortSignal, timeoutMs };
          wav = await callOpenAI(context, async () => {
            const response = await client.audio.speech.create(
              body,
              requestOptions({
                abortSignal: options.abortSignal,
                idempotencyKey: `${options.idempotencyKey}:scene-${index}`,
                timeoutMs,
              }),
            );
            return Buffer.from(await response.arrayBuffer());
          });
          this.parse(wav, index, model);
          await options.artifacts.put(cacheKey, wav, { contentType: 'audio/wav' });
        }
        const audio = this.parse(wav, index, model);
        if (timingsBy === 'transcription') {
          const wordsKey = cacheKey.replace(/\.wav$/, `.words-${transcriptionModel}.json`);
          try {
            heard = (await options.artifacts.exists(wordsKey))
              ? (JSON.parse((await options.artifacts.get(wordsKey)).toString('utf8')) as typeof heard)
              : await transcribeWords(client, {
                  wav,
                  sceneIndex: index,
                  model: transcriptionModel,
                  abortSignal: options.abortSignal,
                  idempotencyKey: `${options.idempotencyKey}:words-${index}`,
                  timeoutMs,
                });
            if (heard)
              await options.artifacts.put(wordsKey, Buffer.from(JSON.stringify(heard)), {
                contentType: 'application/json',
              });
          } catch (error) {
            // The speech is paid for: a request OpenAI refuses for good (a model without word
            // timestamps) leaves estimated timings and a warning; a passing failure retries the step.
            if (!(error instanceof ProviderError) || error.retryable) throw error;
            warnings.push({
              type: 'other',
              message: `Word timestamps for scene ${index} failed (${error.message}); its word timings are estimated`,
            });
          }
        }
        return { audio, heard };
      },
    );

    const clips = results.map((result) => result.audio);
    const pauseSec = (this.config.pauseMs ?? DEFAULT_PAUSE_MS) / 1000;
    const joined = concatenatePcm(clips, pauseSec);
    const durationSec = audioDurationSec(joined);
    const audio = await options.artifacts.put(`${options.artifactPrefix}/narration.wav`, encodeWav(joined), {
      contentType: 'audio/wav',
    });

    const sceneTimings: SceneTiming[] = [];
    const words: WordTiming[] = [];
    let offset = 0;
    let allExact = timingsBy === 'transcription';
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
      const heard = results[index].heard;
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
    const transcribedSec = results.reduce((sum, result) => sum + (result.heard?.audioSeconds ?? 0), 0);

    const characters = scenes.reduce((sum, scene) => sum + scene.narration.length, 0);
    const speechCost = speechCostUsd(this.config.pricing, model, characters, durationSec);
    if (speechCost === undefined)
      warnings.push({
        type: 'other',
        message: `No price known for OpenAI speech model "${model}": usage.costUsd is left out`,
      });
    const transcriptionCost =
      transcribedSec > 0 ? transcriptionCostUsd(this.config.pricing, transcriptionModel, transcribedSec) : 0;
    if (transcriptionCost === undefined)
      warnings.push({
        type: 'other',
        message: `No price known for OpenAI transcription model "${transcriptionModel}": usage.costUsd is left out`,
      });
    const costUsd =
      speechCost === undefined || transcriptionCost === undefined
        ? undefined
        : Math.round((speechCost + transcriptionCost) * 1e6) / 1e6;
    const narration: Narration = {
      audio,
      durationSec: round3(durationSec),
      scenes: sceneTimings,
      words,
      wordTimingsExact: allExact,
    };
    return {
      narration,
      usage: { characters, audioSeconds: round3(durationSec), ...(costUsd === undefined ? {} : { costUsd }) },
      warnings,
    };
  }

  private parse(wav: Buffer, index: number, model: string): PcmAudio {
    try {
      const audio = decodeWav(wav, `OpenAI speech (${model}) for scene ${index}`);
      if (audio.samples.length === 0)
        throw new Error(`OpenAI speech (${model}) for scene ${index}: the audio is empty`);
      return audio;
    } catch (error) {
      throw new ProviderError({
        provider: OPENAI_PROVIDER_ID,
        message: (error as Error).message,
        retryable: false,
        code: 'invalid-audio',
        cause: error,
      });
    }
  }
}
