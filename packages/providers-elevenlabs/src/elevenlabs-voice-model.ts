import type { ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import {
  AbortedError,
  describeZodError,
  ProviderError,
  throwIfAborted,
  type VoiceCallOptionsV1,
  type VoiceProviderV1,
  type VoiceResultV1,
  type WarningV1,
} from '@looply/core';
import { assembleNarration } from './assemble-narration.js';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { speechWithTimestampsSchema, voicesResponseSchema, type ElevenLabsVoice } from './elevenlabs-api-types.js';
import { createElevenLabsClient } from './elevenlabs-client.js';
import { elevenLabsModelId } from './elevenlabs-environment.js';
import { ELEVENLABS_PROVIDER_ID, toProviderError } from './elevenlabs-error.js';
import {
  ELEVENLABS_MODEL_CHARACTER_LIMITS,
  ELEVENLABS_MODELS_WITH_LANGUAGE_CODE,
  ELEVENLABS_PRICE_PER_THOUSAND_CHARACTERS,
  sampleRateOf,
  type ResolvedElevenLabsSettings,
} from './elevenlabs-options.js';
import { mergeVoiceSettings, requestBodyFor, type ElevenLabsSpeechBody } from './elevenlabs-request-body.js';
import { parseCallOptions } from './parse-call-options.js';
import { planRequests, type ClipRequest } from './plan-requests.js';
import { resolveVoice, type ResolvedVoice } from './resolve-voice.js';
import { SynthesisCache, type SynthesisedClip } from './synthesis-cache.js';
import { VoiceCatalogue } from './voice-catalogue.js';

/** Marks requests that were not started because another one had already failed. */
class SkippedRequest extends Error {}

/**
 * ElevenLabs voice (`POST /v1/text-to-speech/{voice_id}/with-timestamps`).
 *
 * One request per scene (a long scene is split at sentence boundaries), run concurrently within
 * `maxConcurrency`, stitched with `previous_text`/`next_text`. Each clip is raw PCM, so its exact
 * duration is known: scene boundaries are where the clips meet, and each clip's character
 * alignment, offset by the audio before it, gives word timings matching the spoken words.
 */
export class ElevenLabsVoiceModel implements VoiceProviderV1 {
  readonly specificationVersion = 'v1' as const;
  readonly kind = 'voice' as const;
  readonly provider = ELEVENLABS_PROVIDER_ID;

  private readonly limit: ConcurrencyLimit;
  private readonly catalogue: VoiceCatalogue;

  /** Holds the API key: an ES private field, so neither logging nor JSON.stringify shows it. */
  readonly #settings: ResolvedElevenLabsSettings;

  /** The TTS model calls use unless `providerOptions.elevenlabs.modelId` says otherwise (read at call time). */
  get modelId(): string {
    return elevenLabsModelId(this.#settings);
  }

  constructor(settings: ResolvedElevenLabsSettings) {
    this.#settings = settings;
    this.limit = new ConcurrencyLimit(settings.maxConcurrency);
    this.catalogue = new VoiceCatalogue(() => this.fetchVoices());
  }

  /** The account's voices (`GET /v1/voices`), fetched once per provider instance. */
  listVoices(abortSignal: AbortSignal = new AbortController().signal): Promise<ElevenLabsVoice[]> {
    return this.catalogue.list(abortSignal);
  }

  async doSynthesize(options: VoiceCallOptionsV1): Promise<VoiceResultV1> {
    const { abortSignal, script, artifacts, artifactPrefix } = options;
    throwIfAborted(abortSignal);
    const warnings: WarningV1[] = [];
    const call = parseCallOptions(options.providerOptions?.[ELEVENLABS_PROVIDER_ID], warnings);
    const client = await createElevenLabsClient(this.#settings);
    const voice = await resolveVoice(call, options, warnings, { settings: this.#settings, catalogue: this.catalogue });

    const modelId = call.modelId ?? this.modelId;
    const maxCharacters =
      this.#settings.maxCharactersPerRequest ?? ELEVENLABS_MODEL_CHARACTER_LIMITS[modelId] ?? 10_000;
    const voiceSettings = mergeVoiceSettings(this.#settings.voiceSettings, call.voiceSettings);
    const languageCode = ELEVENLABS_MODELS_WITH_LANGUAGE_CODE.has(modelId)
      ? options.brief.language.split('-')[0].toLowerCase()
      : undefined;
    const outputFormat = this.#settings.outputFormat;
    const sampleRate = sampleRateOf(outputFormat);

    const requests = planRequests(
      script.scenes.map((scene) => scene.narration),
      maxCharacters,
      script.language,
    );
    const cache = new SynthesisCache(artifacts, artifactPrefix);

    const shared = { modelId, outputFormat, voiceSettings, languageCode, seed: call.seed };
    const bodies = requests.map((request) => requestBodyFor(shared, request));
    const cacheKeys = bodies.map((body) => SynthesisCache.keyOf({ voiceId: voice.voiceId, ...body }));
    // Look every clip up first, so the paid requests then queue for a slot in scene order.
    const cached = await Promise.all(cacheKeys.map((key) => cache.read(key)));
    throwIfAborted(abortSignal);

    let failed = false;
    const settled = await Promise.allSettled(
      requests.map(async (request, index) => {
        const hit = cached[index];
        if (hit) return hit;
        try {
          const clip = await this.limit.run(async () => {
            if (failed) throw new SkippedRequest();
            throwIfAborted(abortSignal);
            try {
              return await this.synthesise(client, voice, bodies[index], request, abortSignal);
            } catch (error) {
              // Set before the slot is released, so the request waiting for it sees the failure.
              failed = true;
              throw error;
            }
          }, abortSignal);
          await cache.write(cacheKeys[index], clip);
          return clip;
        } catch (error) {
          // Stop starting paid requests (also after an abort or a failed cache write); those in flight finish and land in the cache.
          failed = true;
          throw error;
        }
      }),
    );
    const clips = settled.map((result) => (result.status === 'fulfilled' ? result.value : undefined));
    const errors = settled.flatMap((result) =>
      result.status === 'rejected' && !(result.reason instanceof SkippedRequest) ? [result.reason as unknown] : [],
    );
    if (errors.length) throw pickError(errors);
    throwIfAborted(abortSignal);

    return assembleNarration({
      requests,
      clips: clips as SynthesisedClip[],
      sceneCount: script.scenes.length,
      sampleRate,
      pricePerThousandCharacters:
        this.#settings.pricePerThousandCharacters ?? ELEVENLABS_PRICE_PER_THOUSAND_CHARACTERS[modelId],
      warnings,
      options,
    });
  }

  private async synthesise(
    client: ElevenLabsClient,
    voice: ResolvedVoice,
    body: ElevenLabsSpeechBody,
    request: ClipRequest,
    abortSignal: AbortSignal,
  ): Promise<SynthesisedClip> {
    const operation = `text-to-speech for scene ${request.sceneIndex + 1} with voice "${voice.voiceId}"`;
    let response;
    try {
      response = await client.textToSpeech
        .convertWithTimestamps(voice.voiceId, body, {
          maxRetries: 0,
          abortSignal,
          timeoutInSeconds: this.#settings.timeoutMs / 1000,
        })
        .withRawResponse();
    } catch (error) {
      throw toProviderError(error, { operation, voiceId: voice.voiceId, voiceSource: voice.source, abortSignal });
    }
    const parsed = speechWithTimestampsSchema.safeParse(response.data);
    if (!parsed.success) {
      throw new ProviderError({
        provider: ELEVENLABS_PROVIDER_ID,
        message: describeZodError(parsed.error, `ElevenLabs returned an unexpected response for ${operation}`),
        retryable: false,
        code: 'invalid-response',
      });
    }
    const pcm = Buffer.from(parsed.data.audioBase64, 'base64');
    const characterCost = Number.parseInt(response.rawResponse.headers.get('character-cost') ?? '', 10);
    return {
      pcm: pcm.length % 2 === 0 ? pcm : pcm.subarray(0, pcm.length - 1),
      alignment: parsed.data.alignment,
      normalizedAlignment: parsed.data.normalizedAlignment,
      characters:
        Number.isFinite(characterCost) && characterCost >= 0 ? characterCost : Array.from(request.text).length,
      requestId: response.rawResponse.headers.get('request-id') ?? undefined,
    };
  }

  private async fetchVoices(): Promise<ElevenLabsVoice[]> {
    const client = await createElevenLabsClient(this.#settings);
    let data: unknown;
    try {
      data = await client.voices.getAll({}, { maxRetries: 0, timeoutInSeconds: this.#settings.timeoutMs / 1000 });
    } catch (error) {
      throw toProviderError(error, { operation: 'listing voices (GET /v1/voices)' });
    }
    const parsed = voicesResponseSchema.safeParse(data);
    if (!parsed.success) {
      throw new ProviderError({
        provider: ELEVENLABS_PROVIDER_ID,
        message: describeZodError(parsed.error, 'ElevenLabs returned an unexpected voice list (GET /v1/voices)'),
        retryable: false,
        code: 'invalid-response',
      });
    }
    return parsed.data.voices;
  }
}

/** A fatal error wins (retrying cannot help), then an abort, then the first retryable one. */
function pickError(errors: unknown[]): unknown {
  return (
    errors.find((error) => ProviderError.isInstance(error) && !error.retryable) ??
    errors.find((error) => error instanceof AbortedError) ??
    errors[0]
  );
}
