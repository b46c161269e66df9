import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ArtifactStore } from '../../artifacts/artifact-store.js';
import type { AssemblyCallOptionsV1, AssemblyProviderV1 } from '../../spec/assembly/v1/assembly-provider-v1.js';
import type { CallOptionsV1 } from '../../spec/shared/v1/call-options-v1.js';
import type { Timeline } from '../../timeline/timeline.js';
import { checkAssemblyOutput, checkAssemblyResultShape, type InspectVideo } from './assembly-result-checks.js';
import { conformanceOptionsSchema, parseConformanceOptions, type ConformanceOptions } from './conformance-options.js';
import { registerConformanceSuite, type ConformanceSuite } from './conformance-suite.js';
import { conformanceCallOptions, ConformanceWorkspace } from './conformance-workspace.js';
import { runLongRunningCall } from './long-running-call.js';
import { createSampleTimeline } from './sample-timeline.js';
import { checkTimeout, conformanceChecks, createCheckedProvider, type ProviderInvoker } from './shared-checks.js';
import { withDeadline } from './with-deadline.js';

export interface AssemblyConformanceOptions extends ConformanceOptions<AssemblyProviderV1> {
  /**
   * Writes the inputs (narration, visuals) into the store and returns the Timeline to render.
   * Default: a 10 s, three-scene 1080x1920 timeline over a real WAV and real PNGs.
   */
  createTimeline?: (artifacts: ArtifactStore) => Promise<Timeline>;
  /** Allowed difference between the video's duration and the timeline's, in seconds. Default 0.5. */
  durationToleranceSec?: number;
  /** Measures the rendered file (e.g. with ffprobe) so its real size and duration are checked too. */
  inspectVideo?: InspectVideo;
  /** Long-running: fixed wait between polls. Default: the provider's `pollAfterMs`, kept within 5–250 ms. */
  pollIntervalMs?: number;
}

const functionSchema = z.custom<(...args: never[]) => unknown>(
  (value) => typeof value === 'function',
  'must be a function',
);

const optionsSchema = conformanceOptionsSchema.extend({
  createTimeline: functionSchema.optional(),
  durationToleranceSec: z.number().min(0).default(0.5),
  inspectVideo: functionSchema.optional(),
  pollIntervalMs: z.number().int().min(0).optional(),
});

/** The assembly conformance checks, runnable one by one; `testAssemblyProvider` registers them as tests. */
export function assemblyConformanceSuite(options: AssemblyConformanceOptions): ConformanceSuite {
  const settings = parseConformanceOptions<
    AssemblyConformanceOptions,
    'timeoutMs' | 'errorCases' | 'durationToleranceSec'
  >(optionsSchema, options, 'testAssemblyProvider');
  const createTimeline =
    settings.createTimeline ??
    ((artifacts: ArtifactStore) => createSampleTimeline(artifacts, `conformance/inputs-${randomUUID()}`));
  const workspace = new ConformanceWorkspace(settings.createArtifacts);
  const render = async (
    provider: AssemblyProviderV1,
    callOptions: AssemblyCallOptionsV1,
    startOnly: boolean,
  ): Promise<unknown> => {
    const where = `assembly provider "${provider.provider}"`;
    if (provider.mode === 'short')
      return withDeadline(provider.doGenerate(callOptions), settings.timeoutMs, `${where} doGenerate`);
    if (startOnly) return withDeadline(provider.doStart(callOptions), settings.timeoutMs, `${where} doStart`);
    const { result } = await runLongRunningCall(provider, callOptions, {
      timeoutMs: settings.timeoutMs,
      pollIntervalMs: settings.pollIntervalMs,
      where,
    });
    return result;
  };
  const invoke: ProviderInvoker<AssemblyProviderV1> = async (provider, call: CallOptionsV1, { startOnly }) =>
    render(provider, { ...call, timeline: await createTimeline(call.artifacts) }, startOnly);
  const assemble = async () => {
    const provider = await createCheckedProvider('assembly', settings.createProvider);
    const artifacts = await workspace.artifacts();
    const call = conformanceCallOptions(artifacts, 'assembly');
    const timeline = await createTimeline(artifacts);
    const result = checkAssemblyResultShape(
      await render(provider, { ...call, timeline: structuredClone(timeline) }, false),
    );
    return { provider, result, timeline, artifacts, artifactPrefix: call.artifactPrefix };
  };
  const timeoutMs = checkTimeout(settings.timeoutMs);
  return {
    title: settings.title ?? 'assembly provider conformance',
    dispose: () => workspace.dispose(),
    checks: conformanceChecks({ kind: 'assembly', ...settings, workspace, invoke }, [
      {
        id: 'shape',
        title: 'returns a video artifact with its size, duration, usage and warnings',
        timeoutMs,
        run: async () => {
          await assemble();
        },
      },
      {
        id: 'output',
        title: "stores the video under the call's prefix, with the timeline's size and duration",
        timeoutMs,
        run: async () => {
          const { result, timeline, artifacts, artifactPrefix } = await assemble();
          await checkAssemblyOutput(result, {
            timeline,
            artifacts,
            artifactPrefix,
            durationToleranceSec: settings.durationToleranceSec,
            inspectVideo: settings.inspectVideo,
          });
        },
      },
      {
        id: 'long-running',
        title:
          'long-running: doStart returns a JSON operation and an externalId, and doStatus on the stored operation completes',
        timeoutMs,
        run: async (skip) => {
          const provider = await createCheckedProvider('assembly', settings.createProvider);
          if (provider.mode !== 'long-running')
            skip(`provider "${provider.provider}" is short (mode 'short'): nothing long-running to check`);
          const artifacts = await workspace.artifacts();
          const call = conformanceCallOptions(artifacts, 'assembly-long-running');
          const where = `assembly provider "${provider.provider}"`;
          const { result } = await runLongRunningCall(
            provider as Extract<AssemblyProviderV1, { mode: 'long-running' }>,
            { ...call, timeline: await createTimeline(artifacts) },
            { timeoutMs: settings.timeoutMs, pollIntervalMs: settings.pollIntervalMs, where },
          );
          checkAssemblyResultShape(result, `${where} completed result`);
        },
      },
    ]),
  };
}

/** Registers the assembly provider conformance suite with the global `describe`/`it` (mocha, or vitest with globals). */
export function testAssemblyProvider(options: AssemblyConformanceOptions): void {
  registerConformanceSuite(assemblyConformanceSuite(options), 'testAssemblyProvider');
}
