import type { HarnessProviders } from '../../engine/__fixtures__/engine-harness.js';
import {
  createMockAssemblyProvider,
  createMockScriptProvider,
  createMockVisualProvider,
  createMockVoiceProvider,
} from '../../testing/mock-providers.js';
import { recordCall } from './call-log.js';

/**
 * Mock providers that log every call to `folder`; the `block` step's calls hang (until aborted)
 * so a test can kill the worker in the middle of that step.
 */
export function createRecordingProviders(
  folder: string,
  options: { block?: string; delayMs?: number } = {},
): HarnessProviders {
  const hooks = (step: string) => ({
    delayMs: step === options.block ? 10 * 60_000 : (options.delayMs ?? 0),
    onCall: (call: { idempotencyKey: string }) => recordCall(folder, step, call.idempotencyKey),
  });
  return {
    script: createMockScriptProvider(hooks('script')),
    voice: createMockVoiceProvider(hooks('voice')),
    visual: createMockVisualProvider(hooks('visual')),
    assembly: createMockAssemblyProvider(hooks('assembly')),
  };
}
