import { z } from 'zod';
import { throwIfAborted } from '../errors/provider-error.js';
import { parseWith } from '../errors/validation.js';
import type { ArtifactStore } from '../artifacts/artifact-store.js';
import type {
  AssemblyCallOptionsV1,
  AssemblyResultV1,
  LongRunningAssemblyProviderV1,
  ShortAssemblyProviderV1,
} from '../spec/assembly/v1/assembly-provider-v1.js';
import {
  MockCallRecorder,
  mockProviderOptionsSchema,
  parseMockOptions,
  type MockProviderOptions,
} from './mock-call-recorder.js';
import {
  MockRemoteWork,
  mockLongRunningOptionsSchema,
  type MockLongRunningControls,
  type MockLongRunningOptions,
} from './mock-remote-work.js';

export interface MockAssemblyProviderOptions
  extends MockProviderOptions<AssemblyCallOptionsV1>, MockLongRunningOptions {}

export interface MockShortAssemblyProvider extends ShortAssemblyProviderV1 {
  /** The options of every `doGenerate` call, in order. */
  readonly calls: AssemblyCallOptionsV1[];
}

export interface MockLongRunningAssemblyProvider extends LongRunningAssemblyProviderV1, MockLongRunningControls {
  /** The options of every `doStart` call, in order. */
  readonly calls: AssemblyCallOptionsV1[];
  parseWebhook: NonNullable<LongRunningAssemblyProviderV1['parseWebhook']>;
  doCancel: NonNullable<LongRunningAssemblyProviderV1['doCancel']>;
}

export type MockAssemblyProvider = MockShortAssemblyProvider | MockLongRunningAssemblyProvider;

const optionsSchema = mockProviderOptionsSchema.extend(mockLongRunningOptionsSchema.shape);

/** What the render needs, kept in the (JSON) operation between `doStart` and `doStatus`. */
const renderInputsSchema = z.object({
  title: z.string(),
  durationSec: z.number().positive(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  fps: z.number().positive(),
  sceneCount: z.number().int().min(0),
});
type RenderInputs = z.infer<typeof renderInputsSchema>;

async function writeVideo(
  providerId: string,
  inputs: RenderInputs,
  target: { artifacts: ArtifactStore; artifactPrefix: string; abortSignal: AbortSignal },
): Promise<AssemblyResultV1> {
  // Not a playable MP4: a small marker file describing the render, enough for runner tests.
  const content = Buffer.from(`LOOPLY-MOCK-VIDEO\n${JSON.stringify({ provider: providerId, ...inputs })}\n`);
  throwIfAborted(target.abortSignal);
  const video = await target.artifacts.put(`${target.artifactPrefix}/video.mp4`, content, { contentType: 'video/mp4' });
  return {
    video,
    durationSec: inputs.durationSec,
    width: inputs.width,
    height: inputs.height,
    usage: { renderSeconds: 0 },
    warnings: [],
  };
}

/**
 * An assembly provider for runner tests. It writes a small marker file (NOT a playable video) at
 * `${artifactPrefix}/video.mp4` and reports the timeline's duration and output size.
 * `mode: 'long-running'` makes it start an operation and complete after `pendingPolls` polls.
 */
export function createMockAssemblyProvider(
  options: MockAssemblyProviderOptions & { mode: 'long-running' },
): MockLongRunningAssemblyProvider;
export function createMockAssemblyProvider(
  options?: MockAssemblyProviderOptions & { mode?: 'short' },
): MockShortAssemblyProvider;
export function createMockAssemblyProvider(options?: MockAssemblyProviderOptions): MockAssemblyProvider;
export function createMockAssemblyProvider(options?: MockAssemblyProviderOptions): MockAssemblyProvider {
  const settings = parseMockOptions(optionsSchema, options, 'createMockAssemblyProvider');
  const recorder = new MockCallRecorder<AssemblyCallOptionsV1>({ ...settings, onCall: options?.onCall });
  const inputsOf = ({ timeline }: AssemblyCallOptionsV1): RenderInputs => ({
    title: timeline.title,
    durationSec: timeline.durationSec,
    width: timeline.output.width,
    height: timeline.output.height,
    fps: timeline.output.fps,
    sceneCount: timeline.visuals.length,
  });
  const base = { specificationVersion: 'v1', kind: 'assembly', provider: settings.id, calls: recorder.calls } as const;

  if (settings.mode === 'short') {
    return {
      ...base,
      mode: 'short',
      async doGenerate(callOptions) {
        await recorder.enter(callOptions);
        callOptions.onProgress?.(0);
        const result = await writeVideo(settings.id, inputsOf(callOptions), callOptions);
        callOptions.onProgress?.(1);
        return result;
      },
    };
  }

  const remote = new MockRemoteWork<AssemblyResultV1>(settings.id, settings, (operation, statusOptions) =>
    writeVideo(
      settings.id,
      parseWith(renderInputsSchema, operation, `mock assembly provider "${settings.id}" operation`),
      statusOptions,
    ),
  );
  return {
    ...base,
    mode: 'long-running',
    ...remote.providerMembers((callOptions) => recorder.enter(callOptions), inputsOf),
  };
}
