import { z } from 'zod';
import { narrationSchema, type Narration, type SceneTiming, type WordTiming } from '../domain/narration.js';
import { parseWith } from '../errors/validation.js';
import { throwIfAborted } from '../errors/provider-error.js';
import type { VoiceCallOptionsV1, VoiceProviderV1, VoiceResultV1 } from '../spec/voice/v1/voice-provider-v1.js';
import {
  MockCallRecorder,
  mockProviderOptionsSchema,
  parseMockOptions,
  type MockProviderOptions,
} from './mock-call-recorder.js';
import { encodeWav } from '../audio/wav.js';

export interface MockVoiceProviderOptions extends MockProviderOptions<VoiceCallOptionsV1> {
  /** Sample rate of the WAV written. Default 16000. */
  sampleRate?: number;
  /** `tone`: a quiet 220 Hz tone (about -30 dBFS) while each scene speaks; `silence`: digital silence. Default `tone`. */
  signal?: 'tone' | 'silence';
}

export interface MockVoiceProvider extends VoiceProviderV1 {
  /** The options of every `doSynthesize` call, in order. */
  readonly calls: VoiceCallOptionsV1[];
}

const optionsSchema = mockProviderOptionsSchema.extend({
  sampleRate: z.number().int().min(8000).max(96000).default(16000),
  signal: z.enum(['tone', 'silence']).default('tone'),
});

const TONE_HZ = 220;
const TONE_AMPLITUDE = 1000; // about -30 dBFS of 16-bit full scale
const FADE_SEC = 0.01; // avoids clicks at scene cuts

/**
 * A voice provider that writes a real PCM16 mono WAV at `${artifactPrefix}/narration.wav`: each
 * scene lasts its `durationHintSec`, and its words are spread evenly across the scene.
 */
export function createMockVoiceProvider(options?: MockVoiceProviderOptions): MockVoiceProvider {
  const settings = parseMockOptions(optionsSchema, options, 'createMockVoiceProvider');
  const recorder = new MockCallRecorder<VoiceCallOptionsV1>({ ...settings, onCall: options?.onCall });
  const { sampleRate } = settings;
  return {
    specificationVersion: 'v1',
    kind: 'voice',
    provider: settings.id,
    calls: recorder.calls,
    async doSynthesize(callOptions): Promise<VoiceResultV1> {
      await recorder.enter(callOptions);
      const { script } = callOptions;
      // Scene boundaries fall on whole samples, so they match the audio exactly.
      const sceneSampleCounts = script.scenes.map((scene) =>
        Math.max(1, Math.round(scene.durationHintSec * sampleRate)),
      );
      const totalSamples = sceneSampleCounts.reduce((total, count) => total + count, 0);
      const samples = new Int16Array(totalSamples);
      const scenes: SceneTiming[] = [];
      const words: WordTiming[] = [];
      let firstSample = 0;
      script.scenes.forEach((scene, sceneIndex) => {
        const count = sceneSampleCounts[sceneIndex];
        const startSec = firstSample / sampleRate;
        const endSec = (firstSample + count) / sampleRate;
        scenes.push({ startSec, endSec });
        if (settings.signal === 'tone') {
          const fadeSamples = Math.min(Math.round(FADE_SEC * sampleRate), Math.floor(count / 2));
          for (let offset = 0; offset < count; offset += 1) {
            const envelope =
              fadeSamples === 0 ? 1 : Math.min(1, offset / fadeSamples, (count - 1 - offset) / fadeSamples);
            samples[firstSample + offset] = Math.round(
              TONE_AMPLITUDE * envelope * Math.sin((2 * Math.PI * TONE_HZ * offset) / sampleRate),
            );
          }
        }
        const sceneWords = scene.narration.split(/\s+/).filter(Boolean);
        const slot = (endSec - startSec) / sceneWords.length;
        sceneWords.forEach((text, wordIndex) => {
          words.push({
            text,
            startSec: startSec + wordIndex * slot,
            endSec: startSec + (wordIndex + 0.8) * slot,
            sceneIndex,
          });
        });
        firstSample += count;
      });
      throwIfAborted(callOptions.abortSignal);
      const audio = await callOptions.artifacts.put(
        `${callOptions.artifactPrefix}/narration.wav`,
        encodeWav({ sampleRate, channels: 1, samples }),
        {
          contentType: 'audio/wav',
        },
      );
      const narration: Narration = parseWith(
        narrationSchema,
        { audio, durationSec: totalSamples / sampleRate, scenes, words, wordTimingsExact: false },
        `mock voice provider "${settings.id}" output`,
      );
      const characters = script.scenes.reduce((total, scene) => total + scene.narration.length, 0);
      return { narration, usage: { characters, audioSeconds: narration.durationSec }, warnings: [] };
    },
  };
}
