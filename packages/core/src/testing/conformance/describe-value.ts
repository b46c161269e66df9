import { inspect } from 'node:util';

/** A short, one-line rendering of any value for assertion messages. */
export function describeValue(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return inspect(value, { depth: 3, breakLength: Infinity, maxArrayLength: 5, maxStringLength: 200 });
}
