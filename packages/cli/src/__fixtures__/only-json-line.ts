import { expect } from 'chai';

/** The one line `looply generate --json` prints on stdout, parsed; fails the test when there is not exactly one. */
export function onlyJsonLine<T>(stdout: string): T {
  const lines = stdout.trim().split('\n');
  expect(lines, `exactly one JSON line on stdout, got: ${stdout}`).to.have.length(1);
  return JSON.parse(lines[0]) as T;
}
