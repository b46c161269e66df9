import { expect } from 'chai';
import { RequestSpacing } from './request-spacing.js';

describe('RequestSpacing', () => {
  it('lets the first call through at once and holds the next ones at least the interval apart', async () => {
    const spacing = new RequestSpacing(150);
    const signal = new AbortController().signal;
    const times: number[] = [];
    for (let index = 0; index < 3; index += 1) {
      await spacing.wait(signal);
      times.push(performance.now());
    }
    // Timers may fire a millisecond early; never a whole interval early.
    expect(times[1] - times[0]).to.be.at.least(145);
    expect(times[2] - times[1]).to.be.at.least(145);
  });

  it('stops waiting when the signal aborts', async () => {
    const spacing = new RequestSpacing(60_000);
    const controller = new AbortController();
    await spacing.wait(controller.signal);
    const waiting = spacing.wait(controller.signal);
    controller.abort();
    const error = await waiting.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(Error);
  });
});
