import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  briefSchema,
  LocalArtifactStore,
  type BriefInput,
  type Script,
  type VoiceCallOptionsV1,
  type WordTiming,
} from '@looply/core';
import { expect } from 'chai';
import { createElevenLabs } from '../elevenlabs-provider.js';
import type { ElevenLabsSettings } from '../elevenlabs-options.js';
import {
  startFakeElevenLabsServer,
  type FakeElevenLabsOptions,
  type FakeElevenLabsServer,
  type RecordedElevenLabsRequest,
} from '../testing/fake-elevenlabs-server.js';

/** A captured ElevenLabs response from `__fixtures__/`. */
export const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8'));

export const SCENES = [
  'Solar power is booming, everywhere!',
  'Panels turn light into electricity. Cheap and clean.',
  'Tomorrow, your roof could run your home.',
];

function scriptOf(narrations: string[], language = 'en'): Script {
  return {
    title: 'Solar power',
    language,
    scenes: narrations.map((narration, index) => ({
      narration,
      durationHintSec: 3,
      visual: { positive: `scene ${index}`, negative: '' },
    })),
  };
}

const ENVIRONMENT = [
  'ELEVENLABS_API_KEY',
  'ELEVENLABS_BASE_URL',
  'ELEVENLABS_VOICE_ID',
  'ELEVENLABS_MODEL_ID',
] as const;

/**
 * What the ElevenLabs voice model tests share: registers mocha hooks (a clean ElevenLabs environment,
 * a fresh artifact folder per test, the fake closed after each) and returns helpers bound to the
 * fake the current test started with `start()`.
 */
export function useVoiceModelHarness() {
  let fake: FakeElevenLabsServer | undefined;
  let folder: string;
  let artifacts: LocalArtifactStore;
  const savedEnvironment: Record<string, string | undefined> = {};

  before(() => {
    for (const name of ENVIRONMENT) savedEnvironment[name] = process.env[name];
  });

  beforeEach(async () => {
    for (const name of ENVIRONMENT) delete process.env[name];
    folder = await mkdtemp(join(tmpdir(), 'looply-elevenlabs-'));
    artifacts = new LocalArtifactStore(folder);
  });

  afterEach(async () => {
    await fake?.close();
    fake = undefined;
    await rm(folder, { recursive: true, force: true });
  });

  after(() => {
    for (const name of ENVIRONMENT) {
      if (savedEnvironment[name] === undefined) delete process.env[name];
      else process.env[name] = savedEnvironment[name];
    }
  });

  const current = (): FakeElevenLabsServer => {
    if (!fake) throw new Error('start the fake ElevenLabs first');
    return fake;
  };

  /** Starts the fake this test's helpers talk to; it is closed after the test. */
  async function start(options?: FakeElevenLabsOptions): Promise<FakeElevenLabsServer> {
    fake = await startFakeElevenLabsServer(options);
    return fake;
  }

  const provider = (settings: ElevenLabsSettings = {}) =>
    createElevenLabs({
      apiKey: current().apiKey,
      baseURL: current().url,
      voiceId: 'JBFqnCBsd6RMkjVDRZzb',
      ...settings,
    }).voice();

  function callOptions(
    overrides: Omit<Partial<VoiceCallOptionsV1>, 'brief'> & { narrations?: string[]; brief?: BriefInput } = {},
  ): VoiceCallOptionsV1 {
    const { narrations = SCENES, brief, ...rest } = overrides;
    return {
      abortSignal: new AbortController().signal,
      idempotencyKey: 'job-1:voice',
      artifacts,
      artifactPrefix: 'jobs/job-1/voice',
      brief: briefSchema.parse({ topic: 'solar power', ...brief }),
      script: scriptOf(narrations, brief?.language),
      ...rest,
    };
  }

  const speechRequests = () => current().requests.filter((request) => request.path.includes('/text-to-speech/'));
  const successfulSpeech = () => speechRequests().filter((request) => request.status === 200);
  const textOf = (request: RecordedElevenLabsRequest) => (request.body as { text: string }).text;

  /** Independent expectation: words of each answered clip, offset by the audio of the clips before it. */
  function expectedWords(narrationsInOrder: string[][]): WordTiming[] {
    const answers = new Map(successfulSpeech().map((request) => [textOf(request), request.speech!]));
    const words: WordTiming[] = [];
    let offset = 0;
    narrationsInOrder.forEach((clips, sceneIndex) => {
      for (const text of clips) {
        const answer = answers.get(text);
        if (!answer) throw new Error(`no answer recorded for "${text}"`);
        const {
          characters,
          character_start_times_seconds: starts,
          character_end_times_seconds: ends,
        } = answer.alignment;
        let currentWord: WordTiming | undefined;
        characters.forEach((character, index) => {
          if (/\s/.test(character)) {
            currentWord = undefined;
            return;
          }
          if (!currentWord) {
            currentWord = { text: '', startSec: offset + starts[index], endSec: 0, sceneIndex };
            words.push(currentWord);
          }
          currentWord.text += character;
          currentWord.endSec = offset + ends[index];
        });
        offset += answer.durationSec;
      }
    });
    return words;
  }

  function expectCloseWords(actual: WordTiming[], expected: WordTiming[]) {
    expect(actual.map((word) => [word.text, word.sceneIndex])).to.deep.equal(
      expected.map((word) => [word.text, word.sceneIndex]),
    );
    actual.forEach((word, index) => {
      expect(word.startSec, `start of "${word.text}"`).to.be.closeTo(expected[index].startSec, 1e-5);
      expect(word.endSec, `end of "${word.text}"`).to.be.closeTo(expected[index].endSec, 1e-5);
    });
  }

  return {
    start,
    /** This test's artifact store (a fresh folder per test). */
    get artifacts() {
      return artifacts;
    },
    provider,
    callOptions,
    speechRequests,
    successfulSpeech,
    textOf,
    expectedWords,
    expectCloseWords,
  };
}
