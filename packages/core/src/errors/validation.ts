import type { z } from 'zod';
import { LooplyError } from './looply-error.js';

/** `where: path: message; path: message` — names what was wrong and where. */
export function describeZodError(error: z.ZodError, where: string): string {
  const issues = error.issues.map((issue) => {
    const path = issue.path.length ? issue.path.join('.') : '(root)';
    return `${path}: ${issue.message}`;
  });
  return `${where}: ${issues.join('; ')}`;
}

/** Parses `value` or throws a `LooplyError('validation')` naming each bad field and where it came from. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new LooplyError('validation', describeZodError(result.error, where), result.error.issues);
  return result.data;
}
