import { z } from 'zod';
import type { OutputFormat } from '../../domain/brief.js';
import { visualPromptSchema } from '../../domain/script.js';
import type { VisualCallOptionsV1, VisualProviderV1, VisualSceneV1 } from '../../spec/visual/v1/visual-provider-v1.js';
import type { CallOptionsV1 } from '../../spec/shared/v1/call-options-v1.js';
import { STYLE_CATALOGUE, STYLE_IDS, type StyleId } from '../../styles/style-catalogue.js';
import { conformanceOptionsSchema, parseConformanceOptions, type ConformanceOptions } from './conformance-options.js';
import { registerConformanceSuite, type ConformanceSuite } from './conformance-suite.js';
import { conformanceCallOptions, ConformanceWorkspace } from './conformance-workspace.js';
import { runLongRunningCall } from './long-running-call.js';
import { sampleBrief, sampleOutput, sampleScript, sampleVisualScene } from './sample-inputs.js';
import { checkTimeout, conformanceChecks, createCheckedProvider, type ProviderInvoker } from './shared-checks.js';
import { checkVisualOutput, checkVisualResultShape } from './visual-result-checks.js';
import { withDeadline } from './with-deadline.js';

export interface VisualConformanceOptions extends ConformanceOptions<VisualProviderV1> {
  /** The scene to draw. Default: the first scene of `sampleScript`. */
  scene?: VisualSceneV1;
  /** The output format. Default 1080x1920 at 30 fps. */
  output?: OutputFormat;
  /** The style id. Default `modern`. */
  style?: StyleId;
  /** Allowed relative aspect-ratio difference of video clips (and of stills when `exactImageSize` is false). Default 0.05. */
  aspectTolerance?: number;
  /** Stills must have exactly the output size. Default true. */
  exactImageSize?: boolean;
  /** Long-running: fixed wait between polls. Default: the provider's `pollAfterMs`, kept within 5–250 ms. */
  pollIntervalMs?: number;
}

const optionsSchema = conformanceOptionsSchema.extend({
  scene: z
    .strictObject({
      index: z.number().int().min(0),
      count: z.number().int().min(1),
      narration: z.string(),
      prompt: visualPromptSchema,
      durationSec: z.number().positive(),
    })
    .optional(),
  output: z
    .strictObject({
      width: z.number().int().positive(),
      height: z.number().int().positive(),
      fps: z.number().positive(),
    })
    .optional(),
  style: z.enum(STYLE_IDS).default(sampleBrief.style),
  aspectTolerance: z.number().min(0).max(1).default(0.05),
  exactImageSize: z.boolean().default(true),
  pollIntervalMs: z.number().int().min(0).optional(),
});

/** The visual conformance checks, runnable one by one; `testVisualProvider` registers them as tests. */
export function visualConformanceSuite(options: VisualConformanceOptions): ConformanceSuite {
  const settings = parseConformanceOptions<
    VisualConformanceOptions,
    'timeoutMs' | 'errorCases' | 'style' | 'aspectTolerance' | 'exactImageSize'
  >(optionsSchema, options, 'testVisualProvider');
  const scene = settings.scene ?? sampleVisualScene();
  const output = settings.output ?? sampleOutput;
  const workspace = new ConformanceWorkspace(settings.createArtifacts);
  const callOptions = (call: CallOptionsV1): VisualCallOptionsV1 => ({
    ...call,
    scene: structuredClone(scene),
    style: STYLE_CATALOGUE[settings.style],
    output: { ...output },
    title: sampleScript.title,
  });
  const invoke: ProviderInvoker<VisualProviderV1> = async (provider, call, { startOnly }) => {
    const where = `visual provider "${provider.provider}"`;
    if (provider.mode === 'short')
      return withDeadline(provider.doGenerate(callOptions(call)), settings.timeoutMs, `${where} doGenerate`);
    if (startOnly) return withDeadline(provider.doStart(callOptions(call)), settings.timeoutMs, `${where} doStart`);
    const { result } = await runLongRunningCall(provider, callOptions(call), {
      timeoutMs: settings.timeoutMs,
      pollIntervalMs: settings.pollIntervalMs,
      where,
    });
    return result;
  };
  const generate = async () => {
    const provider = await createCheckedProvider('visual', settings.createProvider);
    const artifacts = await workspace.artifacts();
    const call = conformanceCallOptions(artifacts, 'visual');
    const result = checkVisualResultShape(await invoke(provider, call, { startOnly: false }));
    return { provider, result, artifacts, artifactPrefix: call.artifactPrefix };
  };
  const timeoutMs = checkTimeout(settings.timeoutMs);
  return {
    title: settings.title ?? 'visual provider conformance',
    dispose: () => workspace.dispose(),
    checks: conformanceChecks({ kind: 'visual', ...settings, workspace, invoke }, [
      {
        id: 'shape',
        title: 'returns a scene visual that validates against sceneVisualSchema, with usage and warnings',
        timeoutMs,
        run: async () => {
          await generate();
        },
      },
      {
        id: 'output',
        title: `stores the scene's image or clip under the call's prefix, sized for the ${output.width}x${output.height} output`,
        timeoutMs,
        run: async () => {
          const { result, artifacts, artifactPrefix } = await generate();
          await checkVisualOutput(result, {
            scene,
            output,
            artifacts,
            artifactPrefix,
            aspectTolerance: settings.aspectTolerance,
            exactImageSize: settings.exactImageSize,
          });
        },
      },
      {
        id: 'long-running',
        title:
          'long-running: doStart returns a JSON operation and an externalId, and doStatus on the stored operation completes',
        timeoutMs,
        run: async (skip) => {
          const provider = await createCheckedProvider('visual', settings.createProvider);
          if (provider.mode !== 'long-running')
            skip(`provider "${provider.provider}" is short (mode 'short'): nothing long-running to check`);
          const artifacts = await workspace.artifacts();
          const call = conformanceCallOptions(artifacts, 'visual-long-running');
          const where = `visual provider "${provider.provider}"`;
          const { result } = await runLongRunningCall(
            provider as Extract<VisualProviderV1, { mode: 'long-running' }>,
            callOptions(call),
            {
              timeoutMs: settings.timeoutMs,
              pollIntervalMs: settings.pollIntervalMs,
              where,
            },
          );
          checkVisualResultShape(result, `${where} completed result`);
        },
      },
    ]),
  };
}

/** Registers the visual provider conformance suite with the global `describe`/`it` (mocha, or vitest with globals). */
export function testVisualProvider(options: VisualConformanceOptions): void {
  registerConformanceSuite(visualConformanceSuite(options), 'testVisualProvider');
}
