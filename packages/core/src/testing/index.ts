// Mock providers
export * from './mock-providers.js';

// Media helpers the mocks use (real PNG and WAV files)
export * from './media/png-encoder.js';
export * from './media/read-png-size.js';
export * from './media/read-wav-duration.js';

// Conformance suites: testScriptProvider(), testVoiceProvider(), testVisualProvider(), testAssemblyProvider()
export * from './conformance/test-script-provider.js';
export * from './conformance/test-voice-provider.js';
export * from './conformance/test-visual-provider.js';
export * from './conformance/test-assembly-provider.js';
export type { ConformanceErrorCase, ConformanceOptions } from './conformance/conformance-options.js';
export {
  findCheck,
  registerConformanceSuite,
  type ConformanceCheck,
  type ConformanceSuite,
} from './conformance/conformance-suite.js';
export { sampleBrief, sampleOutput, sampleScript, sampleVisualScene } from './conformance/sample-inputs.js';
export { createSampleTimeline, timelineFrom } from './conformance/sample-timeline.js';

// The check functions behind the suites, for custom harnesses
export * from './conformance/check-provider-identity.js';
export * from './conformance/check-aborted-call.js';
export * from './conformance/check-provider-error.js';
export * from './conformance/check-usage-and-warnings.js';
export * from './conformance/check-stored-artifact.js';
export { checkStartResult, runLongRunningCall, type LongRunningCallSettings } from './conformance/long-running-call.js';
export * from './conformance/script-result-checks.js';
export * from './conformance/voice-result-checks.js';
export * from './conformance/visual-result-checks.js';
export * from './conformance/assembly-result-checks.js';

// A local HTTP server for fakes of vendor APIs
export * from './fake-http-server.js';

// A fresh database per test on the test Postgres (embedded unless TEST_DATABASE_URL)
export * from './test-database.js';

// The artifact-store contract every ArtifactStore runs: testArtifactStore()
export * from './artifact-store-contract.js';
