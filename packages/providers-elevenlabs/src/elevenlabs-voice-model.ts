import type { ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import {
  AbortedError,
  describeZodError,
  ProviderError,
  throwIfAborted,
  type SceneTiming,
  type UsageV1,
  type VoiceCallOptionsV1,
  type VoiceProviderV1,
  type VoiceResultV1,
  type WarningV1,
  type WordTiming,
} from '@looply/core';
import { loadSetting } from '@looply/core/provider-utils';
import { estimateWords, wordsFromAlignment } from './alignment-to-words.js';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { speechWithTimestampsSchema, voicesResponseSchema, type ElevenLabsVoice } from './elevenlabs-api-types.js';
import { createElevenLabsClient } from './elevenlabs-client.js';
import { ELEVENLABS_PROVIDER_ID, toProviderError } from './elevenlabs-error.js';
import {
  DEFAULT_ELEVENLABS_MODEL_ID,
  DEFAULT_ELEVENLABS_VOICE_ID,
  ELEVENLABS_MODEL_CHARACTER_LIMITS,
  ELEVENLABS_MODELS_WITH_LANGUAGE_CODE,
  ELEVENLABS_PRICE_PER_THOUSAND_CHARACTERS,
  elevenLabsCallOptionsSchema,
  sampleRateOf,
  type ElevenLabsCallOptions,
  type ElevenLabsVoiceSettings,
  type ResolvedElevenLabsSettings,
} from './elevenlabs-options.js';
import { pcmToWav } from './pcm-audio.js';
import { splitNarration } from './split-narration.js';
import { SynthesisCache, type SynthesisedClip } from './synthesis-cache.js';
import { looksLikeVoiceId, VoiceCatalogue } from './voice-catalogue.js';

/** How much surrounding narration goes into `previous_text` / `next_text` for prosody. */
const STITCHING_CONTEXT_CHARACTERS = 500;

/** One request: a scene, or a sentence-aligned part of a long scene. */
interface ClipRequest {
  sceneIndex: number;
  text: string;
  previousText?: string;
  nextText?: string;
}

interface ResolvedVoice {
  voiceId: string;
  /** Where the voice came from, so an error says what to fix. */
  source: string;
}

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
    return (
      loadSetting({ settingValue: this.#settings.modelId, environmentVariableName: 'ELEVENLABS_MODEL_ID' }) ??
      DEFAULT_ELEVENLABS_MODEL_ID
    );
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
    const voice = await this.resolveVoice(call, options, warnings);

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

    const requestFor = (request: ClipRequest) => ({
      text: request.text,
      modelId,
      outputFormat,
      ...(voiceSettings ? { voiceSettings } : {}),
      ...(languageCode ? { languageCode } : {}),
      ...(call.seed !== undefined ? { seed: call.seed } : {}),
      ...(request.previousText ? { previousText: request.previousText } : {}),
      ...(request.nextText ? { nextText: request.nextText } : {}),
    });

    const bodies = requests.map(requestFor);
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

    return this.assemble({
      requests,
      clips: clips as SynthesisedClip[],
      sceneCount: script.scenes.length,
      sampleRate,
      modelId,
      warnings,
      options,
    });
  }

  private async synthesise(
    client: ElevenLabsClient,
    voice: ResolvedVoice,
    body: Parameters<ElevenLabsClient['textToSpeech']['convertWithTimestamps']>[1],
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

  private async assemble(input: {
    requests: ClipRequest[];
    clips: SynthesisedClip[];
    sceneCount: number;
    sampleRate: number;
    modelId: string;
    warnings: WarningV1[];
    options: VoiceCallOptionsV1;
  }): Promise<VoiceResultV1> {
    const { requests, clips, sampleRate, warnings, options } = input;
    const words: WordTiming[] = [];
    const scenes: SceneTiming[] = Array.from({ length: input.sceneCount }, () => ({ startSec: 0, endSec: 0 }));
    let offsetSamples = 0;
    let exact = true;
    let usedNormalized = false;
    for (const [index, request] of requests.entries()) {
      const clip = clips[index];
      const samples = Math.floor(clip.pcm.length / 2);
      const placement = {
        offsetSec: offsetSamples / sampleRate,
        durationSec: samples / sampleRate,
        sceneIndex: request.sceneIndex,
      };
      const alignment = usable(clip.alignment) ?? usable(clip.normalizedAlignment);
      if (!usable(clip.alignment) && alignment) usedNormalized = true;
      if (alignment) words.push(...wordsFromAlignment(alignment, placement));
      else {
        exact = false;
        words.push(...estimateWords(request.text, placement));
      }
      const isFirstOfScene = index === 0 || requests[index - 1].sceneIndex !== request.sceneIndex;
      if (isFirstOfScene) scenes[request.sceneIndex].startSec = placement.offsetSec;
      offsetSamples += samples;
      scenes[request.sceneIndex].endSec = offsetSamples / sampleRate;
    }
    if (usedNormalized) {
      warnings.push({
        type: 'other',
        message:
          'ElevenLabs sent only the normalized alignment for some clips: their captions show the normalized text (e.g. numbers spelled out)',
      });
    }
    if (!exact) {
      warnings.push({
        type: 'other',
        message: 'ElevenLabs sent no character alignment for some clips: their word timings are estimated',
      });
    }
    const durationSec = offsetSamples / sampleRate;
    if (durationSec <= 0) {
      throw new ProviderError({
        provider: ELEVENLABS_PROVIDER_ID,
        message: 'ElevenLabs returned no audio for the narration',
        retryable: false,
        code: 'empty-audio',
      });
    }

    const wav = pcmToWav(Buffer.concat(clips.map((clip) => clip.pcm)), sampleRate);
    const audio = await options.artifacts.put(`${options.artifactPrefix.replace(/\/+$/, '')}/narration.wav`, wav, {
      contentType: 'audio/wav',
    });

    const characters = clips.reduce((sum, clip) => sum + clip.characters, 0);
    const price = this.#settings.pricePerThousandCharacters ?? ELEVENLABS_PRICE_PER_THOUSAND_CHARACTERS[input.modelId];
    const usage: UsageV1 = { characters, audioSeconds: durationSec };
    if (price !== undefined) usage.costUsd = Math.round((characters / 1000) * price * 1e6) / 1e6;

    return {
      narration: { audio, durationSec, scenes, words, wordTimingsExact: exact },
      usage,
      warnings,
    };
  }

  private async resolveVoice(
    call: ElevenLabsCallOptions,
    options: VoiceCallOptionsV1,
    warnings: WarningV1[],
  ): Promise<ResolvedVoice> {
    const byName = async (name: string, source: string): Promise<ResolvedVoice> => ({
      voiceId: await this.catalogue.idForName(name, options.abortSignal),
      source: `${source} "${name}"`,
    });
    const byIdOrName = (value: string, source: string) =>
      looksLikeVoiceId(value) ? Promise.resolve({ voiceId: value, source }) : byName(value, source);

    if (call.voiceId) return { voiceId: call.voiceId, source: 'providerOptions.elevenlabs.voiceId' };
    if (call.voiceName) return byName(call.voiceName, 'providerOptions.elevenlabs.voiceName');
    const requested = options.voice ?? options.brief.voice;
    if (requested) return byIdOrName(requested, "the brief's voice");
    // A name given where an id is expected (say ELEVENLABS_VOICE_ID=Rachel) is looked up rather than sent as an id.
    if (this.#settings.voiceId) return byIdOrName(this.#settings.voiceId, 'the voiceId setting / ELEVENLABS_VOICE_ID');
    if (this.#settings.voiceName) return byName(this.#settings.voiceName, 'the voiceName setting');
    const fromEnvironment = loadSetting({ settingValue: undefined, environmentVariableName: 'ELEVENLABS_VOICE_ID' });
    if (fromEnvironment) return byIdOrName(fromEnvironment, 'ELEVENLABS_VOICE_ID');
    warnings.push({
      type: 'other',
      message: `No ElevenLabs voice configured (brief voice, voiceId setting or ELEVENLABS_VOICE_ID): used the premade voice ${DEFAULT_ELEVENLABS_VOICE_ID}`,
    });
    return { voiceId: DEFAULT_ELEVENLABS_VOICE_ID, source: 'the default premade voice' };
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

/** Splits each scene within the character limit and attaches the neighbouring text for stitching. */
function planRequests(sceneNarrations: string[], maxCharacters: number, language: string): ClipRequest[] {
  const parts = sceneNarrations.flatMap((narration, sceneIndex) =>
    splitNarration(narration, maxCharacters, language).map((text) => ({ sceneIndex, text })),
  );
  return parts.map((part, index) => {
    const before = parts
      .slice(0, index)
      .map((previous) => previous.text)
      .join(' ');
    const after = parts
      .slice(index + 1)
      .map((next) => next.text)
      .join(' ');
    const previousText = lastWords(before, STITCHING_CONTEXT_CHARACTERS);
    const nextText = firstWords(after, STITCHING_CONTEXT_CHARACTERS);
    return { ...part, ...(previousText ? { previousText } : {}), ...(nextText ? { nextText } : {}) };
  });
}

function lastWords(text: string, maxCharacters: number): string {
  if (text.length <= maxCharacters) return text.trim();
  const tail = text.slice(text.length - maxCharacters);
  const space = tail.search(/\s/);
  return (space >= 0 ? tail.slice(space) : tail).trim();
}

function firstWords(text: string, maxCharacters: number): string {
  if (text.length <= maxCharacters) return text.trim();
  const head = text.slice(0, maxCharacters + 1);
  const space = head.search(/\s\S*$/);
  return (space > 0 ? head.slice(0, space) : head.slice(0, maxCharacters)).trim();
}

function usable(alignment: SynthesisedClip['alignment']): NonNullable<SynthesisedClip['alignment']> | undefined {
  return alignment && alignment.characters.some((character) => character.trim()) ? alignment : undefined;
}

function mergeVoiceSettings(...layers: Array<ElevenLabsVoiceSettings | undefined>) {
  const merged: ElevenLabsVoiceSettings = Object.assign({}, ...layers.filter(Boolean));
  if (Object.keys(merged).length === 0) return undefined;
  return {
    ...(merged.stability !== undefined ? { stability: merged.stability } : {}),
    ...(merged.similarity_boost !== undefined ? { similarityBoost: merged.similarity_boost } : {}),
    ...(merged.style !== undefined ? { style: merged.style } : {}),
    ...(merged.use_speaker_boost !== undefined ? { useSpeakerBoost: merged.use_speaker_boost } : {}),
    ...(merged.speed !== undefined ? { speed: merged.speed } : {}),
  };
}

/** Unknown keys are warned about and ignored; known keys with bad values are fatal. */
function parseCallOptions(value: Record<string, unknown> | undefined, warnings: WarningV1[]): ElevenLabsCallOptions {
  if (!value) return {};
  const known = new Set(Object.keys(elevenLabsCallOptionsSchema.shape));
  const supported: Record<string, unknown> = {};
  for (const [key, option] of Object.entries(value)) {
    if (known.has(key)) supported[key] = option;
    else
      warnings.push({
        type: 'unsupported-setting',
        setting: `providerOptions.elevenlabs.${key}`,
        details: `supported: ${[...known].join(', ')}`,
      });
  }
  const parsed = elevenLabsCallOptionsSchema.safeParse(supported);
  if (!parsed.success) {
    throw new ProviderError({
      provider: ELEVENLABS_PROVIDER_ID,
      message: describeZodError(parsed.error, 'providerOptions.elevenlabs'),
      retryable: false,
      code: 'invalid-options',
    });
  }
  return parsed.data;
}

/** A fatal error wins (retrying cannot help), then an abort, then the first retryable one. */
function pickError(errors: unknown[]): unknown {
  return (
    errors.find((error) => ProviderError.isInstance(error) && !error.retryable) ??
    errors.find((error) => error instanceof AbortedError) ??
    errors[0]
  );
}
