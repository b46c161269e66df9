import { z } from 'zod';
import { briefSchema, type Brief } from '../../domain/brief.js';
import { scriptSchema, type Script } from '../../domain/script.js';
import type { VoiceProviderV1 } from '../../spec/voice/v1/voice-provider-v1.js';
import { conformanceOptionsSchema, parseConformanceOptions, type ConformanceOptions } from './conformance-options.js';
import { registerConformanceSuite, type ConformanceSuite } from './conformance-suite.js';
import { conformanceCallOptions, ConformanceWorkspace } from './conformance-workspace.js';
import { sampleBrief, sampleScript } from './sample-inputs.js';
import { checkTimeout, conformanceChecks, createCheckedProvider, type ProviderInvoker } from './shared-checks.js';
import { checkVoiceResultShape, checkVoiceTiming } from './voice-result-checks.js';
import { withDeadline } from './with-deadline.js';

export interface VoiceConformanceOptions extends ConformanceOptions<VoiceProviderV1> {
  /** The brief passed along. Default `sampleBrief`. */
  brief?: Brief;
  /** The script to voice. Default `sampleScript` (three scenes, 10 s). */
  script?: Script;
  /** The `voice` option passed to the provider. Default: none (the provider's default voice). */
  voice?: string;
  /** Slack for timing comparisons, in seconds. Default 0.05. */
  timingToleranceSec?: number;
}

const optionsSchema = conformanceOptionsSchema.extend({
  brief: briefSchema.optional(),
  script: scriptSchema.optional(),
  voice: z.string().min(1).optional(),
  timingToleranceSec: z.number().min(0).max(1).default(0.05),
});

/** The voice conformance checks, runnable one by one; `testVoiceProvider` registers them as tests. */
export function voiceConformanceSuite(options: VoiceConformanceOptions): ConformanceSuite {
  const settings = parseConformanceOptions<VoiceConformanceOptions, 'timeoutMs' | 'errorCases' | 'timingToleranceSec'>(
    optionsSchema,
    options,
    'testVoiceProvider',
  );
  const brief = settings.brief ?? sampleBrief;
  const script = settings.script ?? sampleScript;
  const workspace = new ConformanceWorkspace(settings.createArtifacts);
  const invoke: ProviderInvoker<VoiceProviderV1> = (provider, call) =>
    withDeadline(
      provider.doSynthesize({
        ...call,
        brief: structuredClone(brief),
        script: structuredClone(script),
        ...(settings.voice !== undefined ? { voice: settings.voice } : {}),
      }),
      settings.timeoutMs,
      `voice provider "${provider.provider}" doSynthesize`,
    );
  const synthesize = async () => {
    const provider = await createCheckedProvider('voice', settings.createProvider);
    const artifacts = await workspace.artifacts();
    const call = conformanceCallOptions(artifacts, 'voice');
    const result = checkVoiceResultShape(await invoke(provider, call, { startOnly: false }));
    return { result, artifacts, artifactPrefix: call.artifactPrefix };
  };
  const timeoutMs = checkTimeout(settings.timeoutMs);
  return {
    title: settings.title ?? 'voice provider conformance',
    dispose: () => workspace.dispose(),
    checks: conformanceChecks({ kind: 'voice', ...settings, workspace, invoke }, [
      {
        id: 'shape',
        title: 'returns a narration that validates against narrationSchema, with usage and warnings',
        timeoutMs,
        run: async () => {
          await synthesize();
        },
      },
      {
        id: 'timing',
        title:
          'times every script scene in order within the audio, words inside their scene, and stores non-empty audio',
        timeoutMs,
        run: async () => {
          const { result, artifacts, artifactPrefix } = await synthesize();
          await checkVoiceTiming(result, {
            script,
            artifacts,
            artifactPrefix,
            toleranceSec: settings.timingToleranceSec,
          });
        },
      },
    ]),
  };
}

/** Registers the voice provider conformance suite with the global `describe`/`it` (mocha, or vitest with globals). */
export function testVoiceProvider(options: VoiceConformanceOptions): void {
  registerConformanceSuite(voiceConformanceSuite(options), 'testVoiceProvider');
}
