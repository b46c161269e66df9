import { createHash } from 'node:crypto';
import {
  audioDurationSec,
  decodeWav,
  encodeWav,
  ProviderError,
  throwIfAborted,
  type Narration,
  type PcmAudio,
  type VoiceCallOptionsV1,
  type VoiceProviderV1,
  type VoiceResultV1,
} from '@looply/core';
import type { OpenAISpeechRequest } from './openai-api-types.js';
import { parseOpenAICallOptions } from './openai-call-options.js';
import { requestOptions, type OpenAIClientFactory } from './openai-client.js';
import { callOpenAI, OPENAI_PROVIDER_ID } from './openai-error.js';
import { DEFAULT_SPEECH_MODEL, DEFAULT_SPEECH_VOICE, openAIVoiceCallOptionsSchema } from './openai-options.js';
import type { OpenAIPricing } from './openai-pricing.js';
import { openAIVoiceCostUsd } from './openai-voice-cost.js';
import { transcribeWords, type HeardWord } from './openai-word-timestamps.js';
import { concatenatePcm } from './concatenate-pcm.js';
import { mapWithConcurrency } from './map-with-concurrency.js';
import { resolveOpenAIVoice } from './resolve-openai-voice.js';
import { speechInstructions } from './speech-instructions.js';
import { timeNarration } from './time-narration.js';

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

const round3 = (value: number) => Math.round(value * 1000) / 1000;

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
    const instructions = speechInstructions(
      model,
      callOptions.instructions ?? this.config.instructions,
      options.brief,
      warnings,
    );
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

    const timing = timeNarration({
      scenes,
      clips,
      heard: results.map((result) => result.heard),
      pauseSec,
      durationSec,
      transcribed: timingsBy === 'transcription',
    });
    const transcribedSec = results.reduce((sum, result) => sum + (result.heard?.audioSeconds ?? 0), 0);

    const characters = scenes.reduce((sum, scene) => sum + scene.narration.length, 0);
    const costUsd = openAIVoiceCostUsd(
      this.config.pricing,
      { model, characters, durationSec, transcriptionModel, transcribedSec },
      warnings,
    );
    const narration: Narration = {
      audio,
      durationSec: round3(durationSec),
      scenes: timing.scenes,
      words: timing.words,
      wordTimingsExact: timing.wordTimingsExact,
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
