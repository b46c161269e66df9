import { readFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'chai';
import type { JobEvent } from '../events/job-event.js';
import type { OutputCheck, OutputCheckInput } from '../quality/output-check.js';
import type { QualityReport } from '../quality/quality-report.js';
import { createMockAssemblyProvider } from '../testing/mock-providers.js';
import { SAMPLE_BRIEF, waitFor, waitForJobEnd } from '../engine/__fixtures__/engine-harness.js';
import { useTestEngineSuite } from '../engine/__fixtures__/test-engine-suite.js';

function reportFor(input: OutputCheckInput): QualityReport {
  return {
    file: input.video.key,
    passed: true,
    timelineUsed: true,
    standards: [
      {
        id: 'loudness.integrated',
        group: 'loudness',
        label: 'Integrated loudness',
        passed: true,
        measured: '-14.1 LUFS',
        limit: '-14 ± 1 LUFS',
        value: -14.1,
        unit: 'LUFS',
      },
      {
        id: 'captions.speech',
        group: 'captions',
        label: 'Captions vs speech',
        passed: null,
        measured: 'not measured: no speech',
        limit: '≤ 200 ms',
      },
    ],
    failed: [],
    notMeasured: ['captions.speech'],
  };
}

describe('the output check after assembly', () => {
  const suite = useTestEngineSuite();

  it('measures the rendered video against the assembly step’s own input timeline and keeps the report in the result', async () => {
    const calls: Array<OutputCheckInput & { bytes: Buffer }> = [];
    const outputCheck: OutputCheck = async (input) => {
      calls.push({ ...input, bytes: await readFile(input.videoPath) });
      // Long enough for the throttled progress of the check's start to be written.
      await delay(400);
      return reportFor(input);
    };
    const { engine } = await suite.start({ outputCheck });
    const events: JobEvent[] = [];
    for (const name of ['progress', 'step-start', 'step-end', 'job-end'] as const)
      engine.events.on(name, (event: JobEvent) => events.push(event));

    const job = await engine.submit(SAMPLE_BRIEF);
    const ended = await waitForJobEnd(engine, job.id);
    expect(ended.status).to.equal('COMPLETED');
    expect(calls).to.have.length(1);
    const [call] = calls;
    expect(call.video).to.deep.equal(ended.result?.video);
    expect(call.bytes.equals(await engine.artifacts.get(call.video.key))).to.equal(true);
    // The one stored timeline is what the check was given.
    expect(call.timeline).to.deep.equal(await engine.renderedTimeline(job.id));
    expect(ended.result?.quality).to.deep.equal({ status: 'measured', report: reportFor(call) });

    // The row can read COMPLETED just before the commit's events are emitted in process: wait for them.
    await waitFor('the job-end event', () =>
      events.some((event) => event.jobId === job.id && event.type === 'job-end') ? true : undefined,
    );
    const own = events.filter((event) => event.jobId === job.id);
    const start = own.findIndex((event) => event.type === 'step-start' && event.step === 'assembly');
    const end = own.findIndex((event) => event.type === 'step-end' && event.step === 'assembly');
    const during = own.slice(start + 1, end).flatMap((event) => (event.type === 'progress' ? [event.progress] : []));
    // The render takes 55 % of the assembly step's 20 points, then the check runs: 80 + 11 = 91.
    expect(during.at(-1)).to.equal(91);
    const jobEnd = own.find((event) => event.type === 'job-end');
    expect(jobEnd?.type === 'job-end' && jobEnd.result).to.include({ width: ended.result?.width });
    expect(jobEnd?.type === 'job-end' && jobEnd.result).not.to.have.property('quality');
  });

  it('records a check that throws as not measured, with the reason, and the video still completes', async () => {
    const outputCheck: OutputCheck = async () => {
      throw new Error('ffprobe is not installed');
    };
    const { engine } = await suite.start({ outputCheck });
    const job = await engine.submit(SAMPLE_BRIEF);
    const ended = await waitForJobEnd(engine, job.id);
    expect(ended.status).to.equal('COMPLETED');
    expect(ended.result?.quality).to.deep.equal({ status: 'not-measured', reason: 'ffprobe is not installed' });
  });

  it('refuses a report that does not have the report shape, as not measured', async () => {
    const outputCheck = (async () => ({ passed: 'yes' })) as unknown as OutputCheck;
    const { engine } = await suite.start({ outputCheck });
    const ended = await waitForJobEnd(engine, (await engine.submit(SAMPLE_BRIEF)).id);
    expect(ended.status).to.equal('COMPLETED');
    const quality = ended.result?.quality;
    expect(quality?.status).to.equal('not-measured');
    expect(quality?.status === 'not-measured' && quality.reason).to.match(/^the check returned an invalid report: /);
  });

  it('without a check, keeps no quality in the result (the render then fills the whole step: assembly-progress.test.ts)', async () => {
    const assembly = createMockAssemblyProvider();
    const { engine } = await suite.start({ providers: { assembly } });
    const ended = await waitForJobEnd(engine, (await engine.submit(SAMPLE_BRIEF)).id);
    expect(ended.status).to.equal('COMPLETED');
    expect(ended.result).not.to.have.property('quality');
  });
});
