export {
  startFakeOpenAIServer,
  FAKE_ROUTES,
  type FakeOpenAIServer,
  type FakeOpenAIServerOptions,
  type FakeRoute,
  type RecordedRequest,
} from './fake-openai-server.js';
export {
  chatCompletionBody,
  chatJsonAnswer,
  errorAnswer,
  finishReasonAnswer,
  insufficientQuotaAnswer,
  invalidApiKeyAnswer,
  rateLimitAnswer,
  refusalAnswer,
  serverErrorAnswer,
  type ChatAnswerOptions,
  type ErrorFields,
  type FakeAnswer,
} from './fake-openai-answers.js';
export { fakeSpeechWav, fakeSpeechDurationSec, type FakeSpeechOptions } from './fake-speech-audio.js';
export { fakeImagePng } from './fake-image.js';
export { audioFingerprint, parseMultipart, transcriptionAnswer, type SpokenTexts } from './fake-transcription.js';
export { readScriptRequest, writeFakeScript, type FakeScript, type FakeScriptRequest } from './fake-script-writer.js';
