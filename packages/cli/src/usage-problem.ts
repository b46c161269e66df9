/**
 * True for a `UsageError` or a `ConfigError` (the command exits 2). Checked by name as well as by
 * class: a loader that mixes `require` and `import` (mocha with tsx) can load the class twice, and
 * a lazily imported module then throws the other copy.
 */
export function isUsageProblem(error: unknown): error is Error {
  return error instanceof Error && (error.name === 'UsageError' || error.name === 'ConfigError');
}
