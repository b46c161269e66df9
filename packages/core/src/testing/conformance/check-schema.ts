import assert from 'node:assert/strict';
import type { z } from 'zod';
import { describeZodError } from '../../errors/validation.js';

/** Asserts `value` validates against a core schema; the failure names every bad field. */
export function checkSchema<Schema extends z.ZodType>(schema: Schema, value: unknown, where: string): z.output<Schema> {
  const parsed = schema.safeParse(value);
  assert.ok(parsed.success, parsed.success ? '' : describeZodError(parsed.error, where));
  return parsed.data;
}
