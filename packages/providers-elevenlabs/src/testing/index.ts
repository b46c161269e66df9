export {
  FAKE_ELEVENLABS_API_KEY,
  startFakeElevenLabsServer,
  type FakeElevenLabsAnswer,
  type FakeElevenLabsOptions,
  type FakeElevenLabsRoute,
  type FakeElevenLabsServer,
  type FakeSpeechAnswer,
  type RecordedElevenLabsRequest,
} from './fake-elevenlabs-server.js';
export { FAKE_ELEVENLABS_VOICES } from './fake-elevenlabs-voices.js';
export { fakeSpeechTiming } from './fake-speech-audio.js';
