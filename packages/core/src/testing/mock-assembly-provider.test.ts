import { expect } from 'chai';
import { AbortedError } from '../errors/provider-error.js';
import type { AssemblyCallOptionsV1 } from '../spec/assembly/v1/assembly-provider-v1.js';
import { createSampleTimeline } from './conformance/sample-timeline.js';
import { createMockAssemblyProvider } from './mock-assembly-provider.js';
import { temporaryCallOptions } from './mock-test-fixtures.js';

describe('createMockAssemblyProvider', () => {
  let fixture: Awaited<ReturnType<typeof temporaryCallOptions>>;
  let options: AssemblyCallOptionsV1;
  beforeEach(async () => {
    fixture = await temporaryCallOptions('jobs/job-1/assembly');
    options = { ...fixture.call, timeline: await createSampleTimeline(fixture.artifacts, 'jobs/job-1/inputs') };
  });
  afterEach(() => fixture.dispose());

  it("writes <prefix>/video.mp4 and reports the timeline's duration and size", async () => {
    const result = await createMockAssemblyProvider().doGenerate(options);
    expect(result.video).to.include({ key: 'jobs/job-1/assembly/video.mp4', contentType: 'video/mp4' });
    expect(result).to.include({ durationSec: options.timeline.durationSec, width: 1080, height: 1920 });
    expect((await fixture.artifacts.get(result.video.key)).toString()).to.match(/^LOOPLY-MOCK-VIDEO\n/);
  });

  it('reports progress from 0 to 1', async () => {
    const progress: number[] = [];
    await createMockAssemblyProvider().doGenerate({ ...options, onProgress: (fraction) => progress.push(fraction) });
    expect(progress).to.deep.equal([0, 1]);
  });

  it("completes a long-running render after pendingPolls polls with the timeline's duration", async () => {
    const provider = createMockAssemblyProvider({ mode: 'long-running', pendingPolls: 1 });
    const start = await provider.doStart(options);
    const statusOptions = { ...fixture.call, operation: JSON.parse(JSON.stringify(start.operation)) };
    expect((await provider.doStatus(statusOptions)).status).to.equal('pending');
    const answer = await provider.doStatus(statusOptions);
    if (answer.status !== 'completed') throw new Error(`expected completed, got ${answer.status}`);
    expect(answer.result.durationSec).to.equal(options.timeline.durationSec);
    expect(await fixture.artifacts.exists('jobs/job-1/assembly/video.mp4')).to.equal(true);
  });

  it('rejects with AbortedError when aborted during its delay and writes no video', async () => {
    const controller = new AbortController();
    const pending = createMockAssemblyProvider({ delayMs: 60_000 }).doGenerate({
      ...options,
      abortSignal: controller.signal,
    });
    controller.abort();
    expect(await pending.catch((error: unknown) => error)).to.be.instanceOf(AbortedError);
    expect(await fixture.artifacts.exists('jobs/job-1/assembly/video.mp4')).to.equal(false);
  });
});
