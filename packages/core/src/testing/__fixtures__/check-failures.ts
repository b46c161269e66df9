/** The error a conformance check failed with; fails the test when the check passed. */
export async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the check to fail, but it passed');
}

/** The `skip` a check is run with: these checks must run, so a skip fails the test. */
export const skip = (reason: string): never => {
  throw new Error(`unexpected skip: ${reason}`);
};
