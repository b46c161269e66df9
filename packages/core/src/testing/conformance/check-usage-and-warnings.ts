import assert from 'node:assert/strict';
import { z } from 'zod';
import { describeZodError } from '../../errors/validation.js';

const usageSchema = z.record(z.string(), z.number().min(0, 'must be a non-negative number'));

const warningSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('unsupported-setting'), setting: z.string().min(1), details: z.string().optional() }),
  z.object({ type: z.literal('other'), message: z.string().min(1) }),
]);

/** `usage` is an object of non-negative numbers; `warnings` an array of `WarningV1`. */
export function checkUsageAndWarnings(result: { usage?: unknown; warnings?: unknown }, where: string): void {
  const usage = usageSchema.safeParse(result.usage);
  assert.ok(usage.success, usage.success ? '' : describeZodError(usage.error, `${where} usage`));
  assert.ok(Array.isArray(result.warnings), `${where}: warnings must be an array (empty when there is nothing to say)`);
  const warnings = z.array(warningSchema).safeParse(result.warnings);
  assert.ok(warnings.success, warnings.success ? '' : describeZodError(warnings.error, `${where} warnings`));
}
