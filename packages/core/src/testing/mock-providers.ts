// The four mock providers, for runner, server and CLI tests.
export * from './mock-script-provider.js';
export * from './mock-voice-provider.js';
export * from './mock-visual-provider.js';
export * from './mock-assembly-provider.js';
export type { MockProviderOptions } from './mock-call-recorder.js';
export type {
  MockLongRunningControls,
  MockLongRunningOptions,
  MockRemoteOperation,
  MockWebhookBody,
} from './mock-remote-work.js';
