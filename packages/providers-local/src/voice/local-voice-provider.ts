import {
  audioDurationSec,
  decodeWav,
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
import { espeakFailure } from './espeak/espeak-failure.js';
import { EspeakVoiceCatalogue } from './espeak/espeak-voice-catalogue.js';
import { selectEspeakEngine } from './espeak/select-espeak-engine.js';
import { localVoiceSettingsSchema, type LocalVoiceSettings } from './local-voice-settings.js';
import { joinSceneSpeech } from './narration-track.js';
import { resampleLinear } from './pcm-conversion.js';
import { findSilentGaps, findSpeechBounds, type SilentGap } from './speech-activity.js';
import { fittedWordsPerMinute, pausesAt, wordsPerMinuteFor } from './speaking-rate.js';
import { chooseVoice } from './voice-choice.js';
import { estimateWordTimings } from './word-timing-estimate.js';

const DEFAULT_SCENE_PAUSE_SEC = 0.3;
// A scene whose text makes no sound (only punctuation) still gets a short beat.
const SILENT_SCENE_SEC = 0.25;

interface SceneSpeech {
  samples: Int16Array;
  /** Silences inside the speech, in seconds from its start. */
  gaps: SilentGap[];
}

/**
 * The offline voice: espeak-ng, one synthesis per scene so scene boundaries are exact, joined
 * into one WAV with a short pause between scenes. Word timings are estimated within each scene.
 */
export function createLocalVoiceProvider(settings: LocalVoiceSettings = {}): VoiceProviderV1 {
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

  async function synthesizeScene(current: EspeakEngine, text: string, voice: string, wordsPerMinute: number, abortSignal: AbortSignal, sceneIndex: number, sampleRate?: number) {
    const wav = await current.synthesize({ text, voice, wordsPerMinute, abortSignal });
    let decoded;
    try {
      decoded = decodeWav(wav, `espeak-ng output for scene ${sceneIndex}`);
    } catch (error) {
      throw espeakFailure(current.description, (error as Error).message, error);
    }
    return resampleLinear(decoded, sampleRate ?? decoded.sampleRate);
  }

  return {
    specificationVersion: 'v1',
    kind: 'voice',
    provider: 'local',

    async doSynthesize(call: VoiceCallOptionsV1): Promise<VoiceResultV1> {
      throwIfAborted(call.abortSignal);
      const current = engineInUse();
      const language = call.script.language || call.brief.language;
      const { voice, warnings } = chooseVoice(await voiceCatalogue(), call.voice ?? call.brief.voice ?? options.voice, language, current.description);
      const scenePauseSec = options.scenePauseSec ?? DEFAULT_SCENE_PAUSE_SEC;
      const nominal = options.wordsPerMinute ?? wordsPerMinuteFor(language);

      const synthesizeAll = async (wordsPerMinute: number): Promise<{ speech: SceneSpeech[]; sampleRate: number }> => {
        let sampleRate: number | undefined;
        const speech: SceneSpeech[] = [];
        for (const [sceneIndex, scene] of call.script.scenes.entries()) {
          throwIfAborted(call.abortSignal);
          const audio = await synthesizeScene(current, scene.narration, voice, wordsPerMinute, call.abortSignal, sceneIndex, sampleRate);
          sampleRate ??= audio.sampleRate;
          // Words start when speech starts: espeak-ng's leading and trailing silence is cut off.
          const bounds = findSpeechBounds(audio.samples, audio.sampleRate);
          const samples = bounds ? audio.samples.subarray(bounds.start, bounds.end) : new Int16Array(Math.round(SILENT_SCENE_SEC * audio.sampleRate));
          speech.push({ samples, gaps: bounds ? findSilentGaps(samples, audio.sampleRate) : [] });
        }
        throwIfAborted(call.abortSignal);
        return { speech, sampleRate: sampleRate ?? 22_050 };
      };

      let wordsPerMinute = nominal;
      let { speech, sampleRate: rate } = await synthesizeAll(wordsPerMinute);
      if (options.wordsPerMinute === undefined && options.fitToDuration !== false) {
        // Languages and texts speak at different rates: one more pass at a fitted speed keeps
        // the video close to the brief's duration.
        const spokenSec = speech.reduce((sum, scene) => sum + scene.samples.length, 0) / rate;
        const targetSec = call.brief.durationSec - scenePauseSec * (speech.length - 1);
        const fitted = fittedWordsPerMinute(nominal, spokenSec, targetSec);
        if (fitted !== nominal) {
          wordsPerMinute = fitted;
          ({ speech, sampleRate: rate } = await synthesizeAll(fitted));
        }
      }

      const track = joinSceneSpeech(
        speech.map((scene) => scene.samples),
        rate,
        scenePauseSec,
      );
      const pauses = pausesAt(wordsPerMinute);
      const words: WordTiming[] = call.script.scenes.flatMap((scene, sceneIndex) => {
        const timing = track.scenes[sceneIndex];
        const gaps = speech[sceneIndex].gaps.map((gap) => ({ startSec: gap.startSec + timing.startSec, endSec: gap.endSec + timing.startSec }));
        return estimateWordTimings({ text: scene.narration, sceneIndex, startSec: timing.startSec, endSec: timing.endSec, gaps, ...pauses });
      });

      const audio = await call.artifacts.put(`${call.artifactPrefix}/narration.wav`, encodeWav(track.audio), { contentType: 'audio/wav' });
      const durationSec = audioDurationSec(track.audio);
      const narration = parseWith(
        narrationSchema,
        { audio, durationSec, scenes: track.scenes, words, wordTimingsExact: false },
        'local voice provider narration',
      );
      const characters = call.script.scenes.reduce((sum, scene) => sum + scene.narration.length, 0);
      return { narration, usage: { characters, audioSeconds: durationSec, costUsd: 0 }, warnings };
    },
  };
}
