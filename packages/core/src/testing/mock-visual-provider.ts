import { z } from 'zod';
import { sceneVisualSchema } from '../domain/scene-visual.js';
import { throwIfAborted } from '../errors/provider-error.js';
import { parseWith } from '../errors/validation.js';
import type { ArtifactStore } from '../artifacts/artifact-store.js';
import type {
  LongRunningVisualProviderV1,
  ShortVisualProviderV1,
  VisualCallOptionsV1,
  VisualResultV1,
} from '../spec/visual/v1/visual-provider-v1.js';
import { STYLE_CATALOGUE, STYLE_IDS } from '../styles/style-catalogue.js';
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
import { encodeGradientPng } from './media/png-encoder.js';

export interface MockVisualProviderOptions extends MockProviderOptions<VisualCallOptionsV1>, MockLongRunningOptions {}

export interface MockShortVisualProvider extends ShortVisualProviderV1 {
  /** The options of every `doGenerate` call, in order. */
  readonly calls: VisualCallOptionsV1[];
}

export interface MockLongRunningVisualProvider extends LongRunningVisualProviderV1, MockLongRunningControls {
  /** The options of every `doStart` call, in order. */
  readonly calls: VisualCallOptionsV1[];
  parseWebhook: NonNullable<LongRunningVisualProviderV1['parseWebhook']>;
  doCancel: NonNullable<LongRunningVisualProviderV1['doCancel']>;
}

export type MockVisualProvider = MockShortVisualProvider | MockLongRunningVisualProvider;

const optionsSchema = mockProviderOptionsSchema.extend(mockLongRunningOptionsSchema.shape);

/** What the visual needs, kept in the (JSON) operation between `doStart` and `doStatus`. */
const visualInputsSchema = z.object({
  sceneIndex: z.number().int().min(0),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  styleId: z.enum(STYLE_IDS),
});
type VisualInputs = z.infer<typeof visualInputsSchema>;

async function writeVisual(
  providerId: string,
  inputs: VisualInputs,
  target: { artifacts: ArtifactStore; artifactPrefix: string; abortSignal: AbortSignal },
): Promise<VisualResultV1> {
  const [topColor, bottomColor] = STYLE_CATALOGUE[inputs.styleId].palette.background;
  const png = encodeGradientPng({ width: inputs.width, height: inputs.height, topColor, bottomColor });
  throwIfAborted(target.abortSignal);
  const artifact = await target.artifacts.put(`${target.artifactPrefix}/visual.png`, png, { contentType: 'image/png' });
  const visual = parseWith(
    sceneVisualSchema,
    { sceneIndex: inputs.sceneIndex, kind: 'image', artifact, width: inputs.width, height: inputs.height },
    `mock visual provider "${providerId}" output`,
  );
  return { visual, usage: { images: 1 }, warnings: [] };
}

/**
 * A visual provider that writes a real PNG (a gradient of the style's background colours, at the
 * requested output size) at `${artifactPrefix}/visual.png`. `mode: 'long-running'` makes it
 * start an operation and complete after `pendingPolls` polls (or when told), with webhooks.
 */
export function createMockVisualProvider(
  options: MockVisualProviderOptions & { mode: 'long-running' },
): MockLongRunningVisualProvider;
export function createMockVisualProvider(
  options?: MockVisualProviderOptions & { mode?: 'short' },
): MockShortVisualProvider;
export function createMockVisualProvider(options?: MockVisualProviderOptions): MockVisualProvider;
export function createMockVisualProvider(options?: MockVisualProviderOptions): MockVisualProvider {
  const settings = parseMockOptions(optionsSchema, options, 'createMockVisualProvider');
  const recorder = new MockCallRecorder<VisualCallOptionsV1>({ ...settings, onCall: options?.onCall });
  const inputsOf = (callOptions: VisualCallOptionsV1): VisualInputs => ({
    sceneIndex: callOptions.scene.index,
    width: callOptions.output.width,
    height: callOptions.output.height,
    styleId: callOptions.style.id,
  });
  const base = { specificationVersion: 'v1', kind: 'visual', provider: settings.id, calls: recorder.calls } as const;

  if (settings.mode === 'short') {
    return {
      ...base,
      mode: 'short',
      async doGenerate(callOptions) {
        await recorder.enter(callOptions);
        return writeVisual(settings.id, inputsOf(callOptions), callOptions);
      },
    };
  }

  const remote = new MockRemoteWork<VisualResultV1>(settings.id, settings, (operation, statusOptions) =>
    writeVisual(
      settings.id,
      parseWith(visualInputsSchema, operation, `mock visual provider "${settings.id}" operation`),
      statusOptions,
    ),
  );
  return {
    ...base,
    mode: 'long-running',
    ...remote.providerMembers((callOptions) => recorder.enter(callOptions), inputsOf),
  };
}
