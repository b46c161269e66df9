import { expect } from 'chai';
import { createMockVoiceProvider, findCheck, voiceConformanceSuite } from '@looply/core/testing';
import { AbortedError } from '../errors/provider-error.js';
import type { VoiceProviderV1 } from '../spec/voice/v1/voice-provider-v1.js';
import { failureOf, skip } from './__fixtures__/check-failures.js';

describe('conformance checks catch broken providers', () => {
  describe('voice', () => {
    function brokenVoice(
      change: (result: Awaited<ReturnType<VoiceProviderV1['doSynthesize']>>) => void,
    ): VoiceProviderV1 {
      const mock = createMockVoiceProvider();
      return {
        ...mock,
        doSynthesize: async (options) => {
          const result = await mock.doSynthesize(options);
          change(result);
          return result;
        },
      };
    }

    it('fails timing when a word lies outside its scene', async () => {
      const broken = brokenVoice(({ narration }) => {
        narration.words[0] = { ...narration.words[0], sceneIndex: 2 };
      });
      const error = await failureOf(
        findCheck(voiceConformanceSuite({ createProvider: () => broken }), 'timing').run(skip),
      );
      expect(error.message).to.include('word 0').and.to.include("outside its scene's span");
    });

    it('fails timing when scene timings overlap', async () => {
      const broken = brokenVoice(({ narration }) => {
        narration.scenes[1] = { ...narration.scenes[1], startSec: narration.scenes[0].startSec };
      });
      const error = await failureOf(
        findCheck(voiceConformanceSuite({ createProvider: () => broken }), 'timing').run(skip),
      );
      expect(error.message).to.include('scene 1').and.to.include('starts before scene 0 ends');
    });

    it('fails timing when there is one scene timing fewer than script scenes', async () => {
      const broken = brokenVoice(({ narration }) => {
        narration.scenes.pop();
        narration.words = narration.words.filter((word) => word.sceneIndex < narration.scenes.length);
      });
      const error = await failureOf(
        findCheck(voiceConformanceSuite({ createProvider: () => broken }), 'timing').run(skip),
      );
      expect(error.message).to.include('2 scene timings for a script of 3 scenes');
    });

    it('fails timing when durationSec disagrees with the WAV', async () => {
      const broken = brokenVoice(({ narration }) => {
        narration.durationSec += 3;
      });
      const error = await failureOf(
        findCheck(voiceConformanceSuite({ createProvider: () => broken }), 'timing').run(skip),
      );
      expect(error.message).to.include('the WAV lasts 10.000 s but durationSec says 13 s');
    });

    it('fails timing when the audio artifact was never stored', async () => {
      const broken = brokenVoice(({ narration }) => {
        narration.audio = { ...narration.audio, key: `${narration.audio.key.replace(/[^/]+$/, '')}missing.wav` };
      });
      const error = await failureOf(
        findCheck(voiceConformanceSuite({ createProvider: () => broken }), 'timing').run(skip),
      );
      expect(error.message).to.include('does not exist in the artifact store');
    });

    it('fails abort when the provider ignores an aborted signal and writes its audio', async () => {
      const mock = createMockVoiceProvider();
      const broken: VoiceProviderV1 = {
        ...mock,
        doSynthesize: (options) => mock.doSynthesize({ ...options, abortSignal: new AbortController().signal }),
      };
      const error = await failureOf(
        findCheck(voiceConformanceSuite({ createProvider: () => broken }), 'abort').run(skip),
      );
      expect(error.message).to.include('resolved although its abortSignal had already fired');
    });

    it('fails abort when the provider writes its audio before rejecting', async () => {
      const mock = createMockVoiceProvider();
      const broken: VoiceProviderV1 = {
        ...mock,
        doSynthesize: async (options) => {
          await mock.doSynthesize({ ...options, abortSignal: new AbortController().signal });
          throw new AbortedError();
        },
      };
      const error = await failureOf(
        findCheck(voiceConformanceSuite({ createProvider: () => broken }), 'abort').run(skip),
      );
      expect(error.message).to.match(
        /wrote artifacts although it was aborted: conformance\/voice-abort-[0-9a-f]{8}\/narration\.wav/,
      );
    });

    it('fails abort when the provider rejects with something other than an abort error', async () => {
      const mock = createMockVoiceProvider();
      const broken: VoiceProviderV1 = {
        ...mock,
        doSynthesize: async () => {
          throw new TypeError('fetch failed');
        },
      };
      const error = await failureOf(
        findCheck(voiceConformanceSuite({ createProvider: () => broken }), 'abort').run(skip),
      );
      expect(error.message).to.include('got TypeError: fetch failed');
    });
  });
});
