import { expect } from 'chai';
import { setTimeout as delay } from 'node:timers/promises';
import type { JobEvent } from '../events/job-event.js';
import { createMockAssemblyProvider } from '../testing/mock-providers.js';
import { SAMPLE_BRIEF } from '../engine/__fixtures__/engine-harness.js';
import { useTestEngineSuite } from '../engine/__fixtures__/test-engine-suite.js';

describe('progress during assembly', () => {
  const suite = useTestEngineSuite();

  it('turns the assembler’s onProgress into job progress events between the assembly step’s start and end', async () => {
    // An assembler that renders in four stages, reporting each (further apart than the runner's throttle).
    const assembly = createMockAssemblyProvider({
      async onCall(options) {
        for (const fraction of [0.25, 0.5, 0.75]) {
          options.onProgress?.(fraction);
          await delay(400);
        }
      },
    });
    const { engine } = await suite.start({ providers: { assembly } });
    const job = await engine.submit(SAMPLE_BRIEF);
    // Followed the way the CLI's bar and the SSE stream follow a job: its events in commit order, from
    // any process. (The in-process emitter runs after each commit's own continuation, so under load a
    // hand-off's progress event can be emitted after the next step's start.)
    const own: JobEvent[] = [];
    const ended = await engine.follow(job.id).untilEnd((event) => void own.push(event));
    expect(ended.status).to.equal('COMPLETED');

    const start = own.findIndex((event) => event.type === 'step-start' && event.step === 'assembly');
    const end = own.findIndex((event) => event.type === 'step-end' && event.step === 'assembly');
    expect(start).to.be.above(-1);
    expect(end).to.be.above(start);
    const during = own.slice(start + 1, end).flatMap((event) => (event.type === 'progress' ? [event.progress] : []));
    // Everything before assembly is 80 (its weight is 20): 0.25, 0.5 and 0.75 of it are 85, 90 and 95.
    // (The mock's own final report of 1 may add a 99 just before the end.)
    expect(during.filter((progress) => progress < 99)).to.deep.equal([85, 90, 95]);
    expect(during.every((progress) => progress > 80 && progress < 100)).to.equal(true);
    const stored = await engine.get(job.id);
    expect(stored?.progress).to.equal(100);
  });
});
