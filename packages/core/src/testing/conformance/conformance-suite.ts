import { globalTestFramework, registerTest, type TestFramework } from './test-framework.js';

/** One behaviour a provider must have, runnable on its own (the suites' tests and our own tests run these). */
export interface ConformanceCheck {
  /** Stable id, e.g. `shape`, `timing`, `abort`, `error:rate limited`, `idempotency-key`, `long-running`. */
  id: string;
  /** The test title: the behaviour, stated. */
  title: string;
  /** When set, the check is registered but skipped, and the reason is in its title. */
  skipReason?: string;
  /** Time the test runner allows the check. */
  timeoutMs: number;
  /** Runs the check; throws an `AssertionError` naming what is wrong. `skip` ends it as skipped. */
  run(skip: (reason: string) => never): Promise<void>;
}

export interface ConformanceSuite {
  title: string;
  checks: ConformanceCheck[];
  /** Removes the temporary folders the default artifact stores used. */
  dispose(): Promise<void>;
}

/** The thin describe/it wrapper around a suite's checks. */
export function registerConformanceSuite(
  suite: ConformanceSuite,
  caller: string,
  framework: TestFramework = globalTestFramework(caller),
): void {
  framework.describe(suite.title, () => {
    for (const check of suite.checks) {
      const title = check.skipReason ? `${check.title} (skipped: ${check.skipReason})` : check.title;
      registerTest(framework, title, check.timeoutMs, async (skip) => {
        if (check.skipReason) skip(check.skipReason);
        await check.run(skip);
      });
    }
    framework.after?.(() => suite.dispose());
  });
}

/** Finds a check by id; throws naming the ids that exist. */
export function findCheck(suite: ConformanceSuite, id: string): ConformanceCheck {
  const check = suite.checks.find((candidate) => candidate.id === id);
  if (!check)
    throw new Error(
      `No conformance check "${id}" in "${suite.title}"; checks: ${suite.checks.map((candidate) => candidate.id).join(', ')}`,
    );
  return check;
}
