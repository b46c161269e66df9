import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Engine } from '../engine/engine.js';
import { SAMPLE_BRIEF, waitFor, waitForJobEnd } from '../engine/__fixtures__/engine-harness.js';
import { useTestEngineSuite } from '../engine/__fixtures__/test-engine-suite.js';
import { LooplyError } from '../errors/looply-error.js';
import type { JobEventSubscriptions } from '../runner/job-event-subscriptions.js';
import { followJob } from './follow-job.js';
import { JOB_EVENT_TYPES, type JobEvent } from './job-event.js';

/** The engine's NOTIFY listeners of one job: what a follower must leave behind when it stops. */
function listenerCount(engine: Engine, jobId: string): number {
  return (engine as unknown as { subscriptions: JobEventSubscriptions }).subscriptions.listenerCount(jobId);
}

/** JSON with sorted keys: an event read back from NOTIFY equals the emitted one whatever its key order. */
function canonical(event: JobEvent): string {
  return JSON.stringify(event, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([first], [second]) => first.localeCompare(second)))
      : value,
  );
}

function stepKey(event: JobEvent): string {
  return event.type === 'step-start' || event.type === 'step-end'
    ? `${event.step}:${event.sceneIndex ?? '-'}:${event.attempt}`
    : '';
}

describe('engine.follow', () => {
  const suite = useTestEngineSuite();

  /** A follower engine that runs no step, and a worker engine (another process) on the same tables. */
  async function twoEngines() {
    const follower = await suite.start({ workers: false });
    const worker = await suite.start({
      schema: follower.schema,
      artifactsRoot: follower.artifactsRoot,
      workers: false,
    });
    return { follower: follower.engine, worker: worker.engine };
  }

  it('yields the events of a job run by another engine, each once and in order, and ends after its job-end', async () => {
    const { follower, worker } = await twoEngines();
    const published: JobEvent[] = [];
    for (const type of JOB_EVENT_TYPES) worker.events.on(type, (event: JobEvent) => published.push(event));
    const { id } = await follower.submit(SAMPLE_BRIEF);

    const followed: JobEvent[] = [];
    // The worker starts only once the follower listens, so every event of the job is published after that.
    for await (const event of follower.follow(id, { onStart: () => worker.startWorkers() })) followed.push(event);

    expect(followed.every((event) => event.jobId === id)).to.equal(true);
    expect(followed.at(-1)).to.include({ type: 'job-end', status: 'COMPLETED' });
    expect(followed.filter((event) => event.type === 'job-end')).to.have.length(1);
    // The worker emits in-process after its commit; the NOTIFY can reach the follower first.
    await waitFor(
      'the worker to emit its job-end',
      () => published.some((event) => event.type === 'job-end') || undefined,
    );
    // Each event the worker published arrived once: none missing, none twice.
    expect(followed.map(canonical).sort()).to.deep.equal(published.map(canonical).sort());
    // In order: progress never goes back, and each step attempt starts before it ends.
    const progress = followed.flatMap((event) => (event.type === 'progress' ? [event.progress] : []));
    expect(progress).to.deep.equal([...progress].sort((first, second) => first - second));
    expect(progress.at(-1)).to.equal(100);
    const starts = followed.filter((event) => event.type === 'step-start');
    expect(starts).to.have.length.greaterThan(3);
    for (const start of starts) {
      const end = followed.findIndex((event) => event.type === 'step-end' && stepKey(event) === stepKey(start));
      expect(end, stepKey(start)).to.be.greaterThan(followed.indexOf(start));
    }
    expect(listenerCount(follower, id)).to.equal(0);
  });

  it('for a job that already ended yields its job-end at once (no poll needed), and untilEnd gives the finished job', async () => {
    const { follower, worker } = await twoEngines();
    await worker.startWorkers();
    const { id } = await follower.submit(SAMPLE_BRIEF);
    const ended = await waitForJobEnd(follower, id);

    // A poll interval far beyond the test's timeout: an answer can only come from the first read.
    const followed: JobEvent[] = [];
    for await (const event of follower.follow(id, { pollIntervalMs: 3_600_000 })) followed.push(event);
    expect(followed).to.deep.equal([
      {
        type: 'job-end',
        jobId: id,
        at: ended.finishedAt!.toISOString(),
        status: 'COMPLETED',
        result: ended.result,
      },
    ]);

    const seen: JobEvent[] = [];
    const finished = await follower
      .follow(id, { pollIntervalMs: 3_600_000 })
      .untilEnd((event) => void seen.push(event));
    expect(seen.map((event) => event.type)).to.deep.equal(['job-end']);
    expect(finished).to.deep.include({ id, status: 'COMPLETED', progress: 100 });
    expect(finished.result?.video.key).to.equal(ended.result?.video.key);
    expect(finished.usage).to.deep.equal(ended.usage);
    expect(listenerCount(follower, id)).to.equal(0);
  });

  it('ends with the job-end read from the row when the notification was lost (the poll is the safety net)', async () => {
    const { follower } = await twoEngines();
    const { id } = await follower.submit(SAMPLE_BRIEF);
    // A subscription that receives nothing: every notification of this job (the cancel's job-end) is dropped.
    const deaf = {
      get: (jobId: string) => follower.get(jobId),
      subscribe: (jobId: string) => follower.subscribe(jobId, () => undefined),
    };
    const followed: JobEvent[] = [];
    // Without the poll this would wait forever (the test's timeout); with it, the end comes within ~100 ms.
    const follow = followJob(deaf, id, { pollIntervalMs: 100, onStart: () => void follower.cancel(id) });
    for await (const event of follow) followed.push(event);

    const cancelled = await follower.get(id);
    expect(cancelled?.status).to.equal('CANCELLED');
    expect(followed).to.deep.equal([
      { type: 'job-end', jobId: id, at: cancelled!.finishedAt!.toISOString(), status: 'CANCELLED' },
    ]);
    expect(listenerCount(follower, id)).to.equal(0);
  });

  it('stops on abort without waiting for the job, and removes its listener', async () => {
    const { follower } = await twoEngines();
    const { id } = await follower.submit(SAMPLE_BRIEF);
    const abort = new AbortController();
    let started = false;
    const followed: JobEvent[] = [];
    const following = (async () => {
      const follow = follower.follow(id, { signal: abort.signal, onStart: () => void (started = true) });
      for await (const event of follow) followed.push(event);
    })();
    await waitFor('the follower to listen', () => (started ? true : undefined));
    expect(listenerCount(follower, id)).to.equal(1);

    abort.abort();
    await following;
    expect(followed).to.deep.equal([]);
    expect(listenerCount(follower, id)).to.equal(0);
    // Following stopped; the job did not.
    expect((await follower.get(id))?.status).to.equal('PENDING');
    await follower.cancel(id);
  });

  it('removes its listener when the consumer throws, and at once when aborted while the consumer holds an event', async () => {
    const { follower, worker } = await twoEngines();
    const thrownOn = await follower.submit(SAMPLE_BRIEF);
    const abortedOn = await follower.submit(SAMPLE_BRIEF);

    // Workers start once this follower listens: its first event is a step's, never the job-end.
    const mistake = new Error('the consumer failed');
    let caught: unknown;
    try {
      for await (const event of follower.follow(thrownOn.id, { onStart: () => worker.startWorkers() })) {
        expect(event.type).to.not.equal('job-end');
        expect(listenerCount(follower, thrownOn.id)).to.equal(1);
        throw mistake;
      }
    } catch (error) {
      caught = error;
    }
    expect(caught).to.equal(mistake);
    expect(listenerCount(follower, thrownOn.id)).to.equal(0);

    const abort = new AbortController();
    const iterator = follower.follow(abortedOn.id, { signal: abort.signal })[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).to.equal(false);
    expect(listenerCount(follower, abortedOn.id)).to.equal(1);
    abort.abort();
    expect(listenerCount(follower, abortedOn.id)).to.equal(0);
    expect(await iterator.next()).to.deep.equal({ done: true, value: undefined });
    await waitForJobEnd(follower, thrownOn.id);
    await waitForJobEnd(follower, abortedOn.id);
  });

  it('rejects an unknown job with not-found and leaves no listener; a follow is iterated once', async () => {
    const { follower } = await twoEngines();
    const unknown = randomUUID();
    const error = await follower
      .follow(unknown)
      .untilEnd()
      .then(
        () => undefined,
        (rejection: unknown) => rejection,
      );
    expect(error).to.be.instanceOf(LooplyError);
    expect((error as LooplyError).code).to.equal('not-found');
    expect(listenerCount(follower, unknown)).to.equal(0);

    const { id } = await follower.submit(SAMPLE_BRIEF);
    await follower.cancel(id);
    const follow = follower.follow(id);
    expect((await follow.untilEnd()).status).to.equal('CANCELLED');
    expect(() => follow[Symbol.asyncIterator]()).to.throw(LooplyError, /iterated already/);
  });
});
