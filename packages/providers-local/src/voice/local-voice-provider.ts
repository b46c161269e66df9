import {
  audioDurationSec,
  encodeWav,
  narrationSchema,
  parseWith,
  throwIfAborted,
  type VoiceCallOptionsV1,
  type VoiceProviderV1,
  type VoiceResultV1,
  type WordTiming,
} from '@looply/core';
import type { EspeakEngine } from './espeak/espeak-engine.js';
import { espeakSceneSpeech, espeakSceneWords } from './espeak/espeak-scene-speech.js';
import { EspeakVoiceCatalogue } from './espeak/espeak-voice-catalogue.js';
import { selectEspeakEngine } from './espeak/select-espeak-engine.js';
import { synthesizeWithFestival } from './festival/festival-engine.js';
import { synthesizeWithFlite, type FliteResult } from './flite/flite-wasm-engine.js';
import { timedSceneSpeech } from './timed-scene-speech.js';
import { localVoiceSettingsSchema, type LocalVoiceSettings } from './local-voice-settings.js';
import { joinSceneSpeech } from './narration-track.js';
import {
  chooseOfflineVoice,
  FESTIVAL_OFFLINE_VOICE_ID,
  FLITE_OFFLINE_VOICES,
  offlineVoices,
  type ChosenVoice,
  type OfflineVoice,
} from './offline-voices.js';
import { fittedDurationStretch, fittedWordsPerMinute, wordsPerMinuteFor } from './speaking-rate.js';

const DEFAULT_SCENE_PAUSE_SEC = 0.3;

/** Scenes voiced at one pace: each scene's samples and its words in seconds from the scene's start. */
interface VoicedScenes {
  samples: Int16Array[];
  sampleRate: number;
  words: WordTiming[][];
}

export interface LocalVoiceProvider extends VoiceProviderV1 {
  /** The offline voices this provider can speak with (`looply voices`). */
  listVoices(): Promise<OfflineVoice[]>;
  /** Whether `voice` names one of them (eSpeak NG aliases and variants such as `en-GB` or `en-us+f3` included). */
  hasVoice(voice: string): Promise<boolean>;
}

/**
 * The offline voice: Flite for English (word timings from the phone durations it synthesised;
 * Festival's HTS voice instead when asked for and installed), espeak-ng for the other languages
 * (word timings estimated). One synthesis per scene, so scene
 * boundaries are exact, joined into one WAV with a short pause between scenes.
 */
export function createLocalVoiceProvider(settings: LocalVoiceSettings = {}): LocalVoiceProvider {
  const options = parseWith(localVoiceSettingsSchema, settings, 'createLocalVoiceProvider settings');
  let engine: EspeakEngine | undefined;
  let catalogue: Promise<EspeakVoiceCatalogue> | undefined;

  // Chosen on first use, so creating the provider never touches the disk or spawns anything.
  const engineInUse = () => (engine ??= selectEspeakEngine(options.engine ?? 'auto', options.espeakPath));
  const voiceCatalogue = () => {
    catalogue ??= (async () => {
      const current = engineInUse();
      const [voices, variants] = await Promise.all([current.listVoices('voices'), current.listVoices('variants')]);
      return EspeakVoiceCatalogue.parse(voices, variants);
    })().catch((error: unknown) => {
      catalogue = undefined;
      throw error;
    });
    return catalogue;
  };

  async function voiceWithEspeak(
    call: VoiceCallOptionsV1,
    voice: string,
    wordsPerMinute: number,
  ): Promise<VoicedScenes> {
    const current = engineInUse();
    let sampleRate: number | undefined;
    const samples: Int16Array[] = [];
    const words: WordTiming[][] = [];
    for (const [sceneIndex, scene] of call.script.scenes.entries()) {
      const speech = await espeakSceneSpeech(
        current,
        scene.narration,
        voice,
        wordsPerMinute,
        sampleRate,
        call.abortSignal,
        sceneIndex,
      );
      sampleRate ??= speech.sampleRate;
      samples.push(speech.samples);
      words.push(espeakSceneWords(speech, scene.narration, sceneIndex, wordsPerMinute));
    }
    throwIfAborted(call.abortSignal);
    return { samples, sampleRate: sampleRate ?? 22_050, words };
  }

  /** Flite or Festival: synthesisers that report the durations of the phones they made. */
  async function voiceTimed(
    call: VoiceCallOptionsV1,
    chosen: ChosenVoice,
    durationStretch: number,
  ): Promise<VoicedScenes> {
    const synthesize = (text: string): Promise<FliteResult> => {
      if (chosen.engine === 'festival')
        return synthesizeWithFestival(chosen.binary, { text, durationStretch, abortSignal: call.abortSignal });
      if (chosen.engine === 'flite')
        return synthesizeWithFlite({ text, voice: chosen.voice, durationStretch, abortSignal: call.abortSignal });
      throw new Error(`${chosen.id} reports no phone durations`);
    };
    let sampleRate: number | undefined;
    const samples: Int16Array[] = [];
    const words: WordTiming[][] = [];
    for (const [sceneIndex, scene] of call.script.scenes.entries()) {
      const speech = await timedSceneSpeech(scene.narration, synthesize, sampleRate, call.abortSignal);
      sampleRate ??= speech.audio.sampleRate;
      samples.push(speech.samples);
      words.push(speech.words.map((word) => ({ ...word, sceneIndex })));
    }
    throwIfAborted(call.abortSignal);
    return { samples, sampleRate: sampleRate ?? 16_000, words };
  }

  const spokenSec = (voiced: VoicedScenes) =>
    voiced.samples.reduce((sum, samples) => sum + samples.length, 0) / voiced.sampleRate;

  return {
    specificationVersion: 'v1',
    kind: 'voice',
    provider: 'local',

    async listVoices() {
      return offlineVoices(await voiceCatalogue());
    },

    async hasVoice(voice: string) {
      const id = voice.trim().toLowerCase();
      return (
        FLITE_OFFLINE_VOICES.some((flite) => flite.id === id) ||
        id === FESTIVAL_OFFLINE_VOICE_ID ||
        (await voiceCatalogue()).resolve(voice) !== undefined
      );
    },

    async doSynthesize(call: VoiceCallOptionsV1): Promise<VoiceResultV1> {
      throwIfAborted(call.abortSignal);
      const language = call.script.language || call.brief.language;
      const { chosen, warnings } = await chooseOfflineVoice(
        voiceCatalogue,
        call.voice ?? call.brief.voice ?? options.voice,
        language,
      );
      const scenePauseSec = options.scenePauseSec ?? DEFAULT_SCENE_PAUSE_SEC;
      const targetSec = call.brief.durationSec - scenePauseSec * (call.script.scenes.length - 1);
      // Languages and texts speak at different rates: one more pass at a fitted pace keeps the
      // video close to the brief's duration.
      const fit = options.fitToDuration !== false;

      let voiced: VoicedScenes;
      if (chosen.engine !== 'espeak-ng') {
        voiced = await voiceTimed(call, chosen, 1);
        const stretch = fit ? fittedDurationStretch(1, spokenSec(voiced), targetSec) : 1;
        if (stretch !== 1) voiced = await voiceTimed(call, chosen, stretch);
      } else {
        const nominal = options.wordsPerMinute ?? wordsPerMinuteFor(language);
        voiced = await voiceWithEspeak(call, chosen.voice, nominal);
        const fitted =
          fit && options.wordsPerMinute === undefined
            ? fittedWordsPerMinute(nominal, spokenSec(voiced), targetSec)
            : nominal;
        if (fitted !== nominal) voiced = await voiceWithEspeak(call, chosen.voice, fitted);
      }

      const track = joinSceneSpeech(voiced.samples, voiced.sampleRate, scenePauseSec);
      const words = voiced.words.flatMap((sceneWords, sceneIndex) => {
        const offset = track.scenes[sceneIndex].startSec;
        return sceneWords.map((word) => ({ ...word, startSec: word.startSec + offset, endSec: word.endSec + offset }));
      });
      const audio = await call.artifacts.put(`${call.artifactPrefix}/narration.wav`, encodeWav(track.audio), {
        contentType: 'audio/wav',
      });
      const durationSec = audioDurationSec(track.audio);
      const narration = parseWith(
        narrationSchema,
        { audio, durationSec, scenes: track.scenes, words, wordTimingsExact: chosen.engine !== 'espeak-ng' },
        'local voice provider narration',
      );
      const characters = call.script.scenes.reduce((sum, scene) => sum + scene.narration.length, 0);
      return { narration, usage: { characters, audioSeconds: durationSec, costUsd: 0 }, warnings };
    },
  };
}
