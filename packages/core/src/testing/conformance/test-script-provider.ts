import { z } from 'zod';
import { briefSchema, type Brief } from '../../domain/brief.js';
import type { ScriptProviderV1 } from '../../spec/script/v1/script-provider-v1.js';
import { STYLE_CATALOGUE } from '../../styles/style-catalogue.js';
import { conformanceOptionsSchema, parseConformanceOptions, type ConformanceOptions } from './conformance-options.js';
import { registerConformanceSuite, type ConformanceSuite } from './conformance-suite.js';
import { conformanceCallOptions, ConformanceWorkspace } from './conformance-workspace.js';
import { sampleBrief } from './sample-inputs.js';
import { checkScriptResultShape, checkScriptTiming } from './script-result-checks.js';
import { checkTimeout, conformanceChecks, createCheckedProvider, type ProviderInvoker } from './shared-checks.js';
import { withDeadline } from './with-deadline.js';

export interface ScriptConformanceOptions extends ConformanceOptions<ScriptProviderV1> {
  /** The brief to write a script for. Default `sampleBrief` (10 s, English, 9:16, modern). */
  brief?: Brief;
  /** Allowed relative gap between the summed scene hints and the brief's duration. Default 0.35 (±35%). */
  durationTolerance?: number;
}

const optionsSchema = conformanceOptionsSchema.extend({
  brief: briefSchema.optional(),
  durationTolerance: z.number().min(0).max(1).default(0.35),
});

/** The script conformance checks, runnable one by one; `testScriptProvider` registers them as tests. */
export function scriptConformanceSuite(options: ScriptConformanceOptions): ConformanceSuite {
  const settings = parseConformanceOptions<ScriptConformanceOptions, 'timeoutMs' | 'errorCases' | 'durationTolerance'>(
    optionsSchema,
    options,
    'testScriptProvider',
  );
  const brief = settings.brief ?? sampleBrief;
  const workspace = new ConformanceWorkspace(settings.createArtifacts);
  const invoke: ProviderInvoker<ScriptProviderV1> = (provider, call) =>
    withDeadline(
      provider.doGenerate({ ...call, brief: structuredClone(brief), style: STYLE_CATALOGUE[brief.style] }),
      settings.timeoutMs,
      `script provider "${provider.provider}" doGenerate`,
    );
  const generate = async () => {
    const provider = await createCheckedProvider('script', settings.createProvider);
    const artifacts = await workspace.artifacts();
    return checkScriptResultShape(
      await invoke(provider, conformanceCallOptions(artifacts, 'script'), { startOnly: false }),
    );
  };
  const timeoutMs = checkTimeout(settings.timeoutMs);
  return {
    title: settings.title ?? 'script provider conformance',
    dispose: () => workspace.dispose(),
    checks: conformanceChecks({ kind: 'script', ...settings, workspace, invoke }, [
      {
        id: 'shape',
        title: 'returns a script that validates against scriptSchema, with usage and warnings',
        timeoutMs,
        run: async () => {
          await generate();
        },
      },
      {
        id: 'timing',
        title: `writes scenes whose duration hints add up to the brief's ${brief.durationSec} s (±${Math.round(settings.durationTolerance * 100)}%) in the brief's language`,
        timeoutMs,
        run: async () => {
          checkScriptTiming(await generate(), { brief, durationTolerance: settings.durationTolerance });
        },
      },
    ]),
  };
}

/** Registers the script provider conformance suite with the global `describe`/`it` (mocha, or vitest with globals). */
export function testScriptProvider(options: ScriptConformanceOptions): void {
  registerConformanceSuite(scriptConformanceSuite(options), 'testScriptProvider');
}
