/** What a test body receives: `this` under mocha; the first argument under vitest. */
interface TestContextLike {
  skip?: (note?: string) => void;
  timeout?: (ms: number) => unknown;
  /** Mocha's current test; its title is what reporters print. */
  test?: { title: string };
}

type TestBody = (this: TestContextLike | undefined, ...args: unknown[]) => Promise<void>;

/** The part of mocha's global API (also vitest's with `globals: true`) the suites use. */
export interface TestFramework {
  describe(title: string, body: () => void): unknown;
  it(title: string, body: TestBody, timeoutMs?: number): unknown;
  after?(body: () => Promise<void>): unknown;
}

/** Reads `describe`/`it`/`after` from the globals, so third parties need no particular runner package. */
export function globalTestFramework(caller: string): TestFramework {
  const globals = globalThis as Partial<Record<'describe' | 'it' | 'after' | 'afterAll', unknown>>;
  if (typeof globals.describe !== 'function' || typeof globals.it !== 'function') {
    throw new Error(
      `${caller}() registers tests with the global describe/it: call it at the top level of a test file run by mocha, or by vitest with "globals: true".`,
    );
  }
  const after = typeof globals.after === 'function' ? globals.after : globals.afterAll;
  return {
    describe: globals.describe as TestFramework['describe'],
    it: globals.it as TestFramework['it'],
    after: typeof after === 'function' ? (after as NonNullable<TestFramework['after']>) : undefined,
  };
}

/** Thrown by a check's `skip` when the runner offers no way to mark a test skipped. */
export class ConformanceSkipped extends Error {
  override readonly name = 'ConformanceSkipped';
}

/**
 * Registers one test whose body may call `skip(reason)`: mocha's `this.skip()`, vitest's
 * `context.skip(reason)`. The timeout goes to both runners (mocha: `this.timeout`, vitest: third argument).
 */
export function registerTest(
  framework: TestFramework,
  title: string,
  timeoutMs: number,
  body: (skip: (reason: string) => never) => Promise<void>,
): void {
  framework.it(
    title,
    async function (this: TestContextLike | undefined, ...args: unknown[]): Promise<void> {
      // Mocha passes its context as `this`; the closures below need it by name.
      // eslint-disable-next-line @typescript-eslint/no-this-alias
      const mochaContext = this;
      const vitestContext = args[0] as TestContextLike | undefined;
      mochaContext?.timeout?.(timeoutMs);
      const skip = (reason: string): never => {
        // Mocha's skip() takes no reason: put it in the title so the report says why.
        if (mochaContext?.test && !mochaContext.test.title.includes('(skipped:'))
          mochaContext.test.title += ` (skipped: ${reason})`;
        if (typeof mochaContext?.skip === 'function') mochaContext.skip();
        else if (typeof vitestContext?.skip === 'function') vitestContext.skip(reason);
        throw new ConformanceSkipped(`Skipped: ${reason}`);
      };
      await body(skip);
    },
    timeoutMs,
  );
}
