export {
  startFakeComfyWrapper,
  type FakeComfyWrapper,
  type FakeComfyWrapperOptions,
  type FakeClipDelivery,
  type FakeGenerationOutcome,
  type FakeWrapperRequest,
} from './fake-comfy-wrapper.js';
export { makeTestClip, testFfmpegPath, type TestClipFormat } from './make-test-clip.js';
export {
  startFakeVastApi,
  type FakeVastApi,
  type FakeVastApiOptions,
  type FakeVastOffer,
  type FakeVastRequest,
} from './fake-vast-api.js';
