import assert from 'node:assert/strict';
import type { Brief } from '../../domain/brief.js';
import { scriptSchema } from '../../domain/script.js';
import type { ScriptResultV1 } from '../../spec/script/v1/script-provider-v1.js';
import { checkSchema } from './check-schema.js';
import { checkUsageAndWarnings } from './check-usage-and-warnings.js';
import { describeValue } from './describe-value.js';

/** SHAPE: the script validates against `scriptSchema`, with `usage` and `warnings`. */
export function checkScriptResultShape(result: unknown, where = 'doGenerate result'): ScriptResultV1 {
  assert.ok(result !== null && typeof result === 'object', `${where}: must be an object, got ${describeValue(result)}`);
  const candidate = result as Partial<ScriptResultV1>;
  checkSchema(scriptSchema, candidate.script, `${where} script`);
  checkUsageAndWarnings(candidate, where);
  return candidate as ScriptResultV1;
}

function primaryLanguage(tag: string): string {
  return tag.split('-')[0].toLowerCase();
}

export interface ScriptTimingExpectations {
  brief: Brief;
  /** Allowed relative gap between the summed scene hints and the brief's duration, e.g. 0.35 for ±35%. */
  durationTolerance: number;
}

/** TIMING: the scenes' duration hints add up to the brief's duration (± tolerance); the language matches. */
export function checkScriptTiming(
  result: ScriptResultV1,
  expected: ScriptTimingExpectations,
  where = 'doGenerate result',
): void {
  const { script } = result;
  const total = script.scenes.reduce((sum, scene) => sum + scene.durationHintSec, 0);
  const target = expected.brief.durationSec;
  const gap = Math.abs(total - target) / target;
  assert.ok(
    gap <= expected.durationTolerance,
    `${where}: scene durationHintSec add up to ${total.toFixed(2)} s, ${(gap * 100).toFixed(0)}% away from the brief's ${target} s (allowed ±${Math.round(expected.durationTolerance * 100)}%)`,
  );
  assert.equal(
    primaryLanguage(script.language),
    primaryLanguage(expected.brief.language),
    `${where}: script language "${script.language}" does not match the brief's "${expected.brief.language}"`,
  );
}
