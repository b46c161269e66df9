import { expect } from 'chai';
import { LooplyError } from '../errors/looply-error.js';
import type { JobEvent } from '../events/job-event.js';
import {
  createMockAssemblyProvider,
  createMockScriptProvider,
  createMockVisualProvider,
  createMockVoiceProvider,
} from '../testing/mock-providers.js';
import { LocalArtifactStore } from '../artifacts/local-artifact-store.js';
import { ProviderRegistry } from '../registry/provider-registry.js';
import { createEngine } from './create-engine.js';
import { migrate } from './migrate.js';
import { SAMPLE_BRIEF, uniqueSchema, waitForJobEnd } from './__fixtures__/engine-harness.js';
import { useTestEngineSuite } from './__fixtures__/test-engine-suite.js';

describe('createEngine', () => {
  const suite = useTestEngineSuite();

  it('runs a brief through script, voice, one visual per scene and assembly to a COMPLETED job with result and usage', async () => {
    const script = createMockScriptProvider({ sceneCount: 3 });
    const voice = createMockVoiceProvider();
    const visual = createMockVisualProvider();
    const assembly = createMockAssemblyProvider();
    const { engine } = await suite.start({ providers: { script, voice, visual, assembly } });
    const events: JobEvent[] = [];
    for (const type of ['progress', 'step-start', 'step-end', 'job-end'] as const)
      engine.events.on(type, (event) => events.push(event));

    const submitted = await engine.submit(SAMPLE_BRIEF, { ownerId: 'user-1', metadata: { source: 'test' } });
    expect(submitted.status).to.equal('PENDING');
    expect(submitted.providers).to.deep.equal({ script: 'mock', voice: 'mock', visual: 'mock', assembly: 'mock' });

    const job = await waitForJobEnd(engine, submitted.id);
    expect(job.status).to.equal('COMPLETED');
    expect(job.progress).to.equal(100);
    expect(job.error).to.equal(null);
    expect(job.ownerId).to.equal('user-1');
    expect(job.metadata).to.deep.equal({ source: 'test', storage: { provider: 'local' } });
    expect(job.result?.video.key).to.equal(`jobs/${job.id}/assembly/video.mp4`);
    expect(job.result).to.include({ width: 1080, height: 1920 });
    expect(job.result?.durationSec).to.be.greaterThan(0);
    expect(job.finishedAt).to.be.instanceOf(Date);
    expect(job.steps.map((step) => [step.step, step.sceneIndex, step.status, step.attempt])).to.deep.equal([
      ['script', null, 'COMPLETED', 1],
      ['voice', null, 'COMPLETED', 1],
      ['visual', 0, 'COMPLETED', 1],
      ['visual', 1, 'COMPLETED', 1],
      ['visual', 2, 'COMPLETED', 1],
      ['assembly', null, 'COMPLETED', 1],
    ]);
    // Usage: per step kind, visual scenes summed (the mock visual reports one image each).
    expect(job.usage.byStep.visual).to.deep.equal({ images: 3 });
    expect(job.usage.byStep.script?.outputTokens).to.be.greaterThan(0);
    expect(job.usage.byStep.voice?.characters).to.be.greaterThan(0);
    expect(job.usage.totalCostUsd).to.equal(0);

    // Each provider ran once per step, with stable idempotency keys and per-step artifact prefixes.
    expect(script.calls.map((call) => call.idempotencyKey)).to.deep.equal([`${job.id}:script`]);
    expect(voice.calls.map((call) => call.artifactPrefix)).to.deep.equal([`jobs/${job.id}/voice`]);
    expect(visual.calls.map((call) => call.idempotencyKey).sort()).to.deep.equal(
      [0, 1, 2].map((index) => `${job.id}:visual:${index}`),
    );
    expect(visual.calls.map((call) => call.artifactPrefix).sort()).to.deep.equal(
      [0, 1, 2].map((index) => `jobs/${job.id}/visual/scene-${index}`),
    );
    expect(assembly.calls).to.have.length(1);
    expect(assembly.calls[0].timeline.visuals).to.have.length(3);

    // Events: progress only grows and ends at 100; every step started and ended; one job-end.
    const progress = events
      .filter((event) => event.type === 'progress')
      .map((event) => (event as { progress: number }).progress);
    expect(progress).to.deep.equal([...progress].sort((first, second) => first - second));
    expect(progress.at(-1)).to.equal(100);
    expect(events.filter((event) => event.type === 'step-start')).to.have.length(6);
    expect(events.filter((event) => event.type === 'step-end' && event.status === 'COMPLETED')).to.have.length(6);
    const jobEnds = events.filter((event) => event.type === 'job-end');
    expect(jobEnds).to.have.length(1);
    expect(jobEnds[0]).to.include({ jobId: job.id, status: 'COMPLETED' });
    expect(jobEnds[0]).to.have.deep.property('result', job.result);
  });

  it('rejects an invalid brief with a validation error naming the field, and queues nothing', async () => {
    const { engine } = await suite.start();
    const error = await engine.submit({ topic: '', durationSec: 2 }).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(LooplyError);
    expect((error as LooplyError).code).to.equal('validation');
    expect((error as LooplyError).message)
      .to.match(/brief: .*topic/)
      .and.match(/durationSec/);
    expect((await engine.list()).total).to.equal(0);
  });

  it('refuses a brief naming an unregistered provider before storing or queueing anything', async () => {
    const { engine } = await suite.start();
    const error = await engine
      .submit({ ...SAMPLE_BRIEF, providers: { visual: 'nope' } })
      .catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(LooplyError);
    expect((error as LooplyError).code).to.equal('provider-not-registered');
    expect((error as LooplyError).message)
      .to.contain('"nope"')
      .and.contain('mock');
    expect((await engine.list()).total).to.equal(0);
  });

  it('returns the same job for the same idempotency key and owner, and refuses the key with another brief', async () => {
    const { engine } = await suite.start({ workers: false });
    const first = await engine.submit(SAMPLE_BRIEF, { ownerId: 'user-1', idempotencyKey: 'key-1' });
    const again = await engine.submit(SAMPLE_BRIEF, { ownerId: 'user-1', idempotencyKey: 'key-1' });
    const otherOwner = await engine.submit(SAMPLE_BRIEF, { ownerId: 'user-2', idempotencyKey: 'key-1' });
    expect(again.id).to.equal(first.id);
    expect(otherOwner.id).to.not.equal(first.id);
    const conflict = await engine
      .submit({ ...SAMPLE_BRIEF, topic: 'wind power' }, { ownerId: 'user-1', idempotencyKey: 'key-1' })
      .catch((caught: unknown) => caught);
    expect((conflict as LooplyError).code).to.equal('idempotency-conflict');
    expect((await engine.list()).total).to.equal(2);
  });

  it('lists jobs newest first, filtered by owner and status, paginated', async () => {
    const { engine } = await suite.start({ workers: false });
    const created = [];
    for (const topic of ['one', 'two', 'three'])
      created.push(await engine.submit({ ...SAMPLE_BRIEF, topic }, { ownerId: 'owner-a' }));
    await engine.submit({ ...SAMPLE_BRIEF, topic: 'other' }, { ownerId: 'owner-b' });
    const page1 = await engine.list({ ownerId: 'owner-a', page: 1, pageSize: 2 });
    const page2 = await engine.list({ ownerId: 'owner-a', page: 2, pageSize: 2 });
    expect(page1.total).to.equal(3);
    expect(page1.items.map((job) => job.brief.topic)).to.deep.equal(['three', 'two']);
    expect(page2.items.map((job) => job.brief.topic)).to.deep.equal(['one']);
    expect(page1.items[0].steps.map((step) => step.step)).to.deep.equal(['script']);
    expect((await engine.list({ status: 'COMPLETED' })).total).to.equal(0);
    expect((await engine.list({ status: 'PENDING' })).total).to.equal(4);
    const invalid = await engine.list({ pageSize: 1000 }).catch((caught: unknown) => caught);
    expect((invalid as LooplyError).code).to.equal('validation');
  });

  it('get returns null for an unknown or malformed id', async () => {
    const { engine } = await suite.start({ workers: false });
    expect(await engine.get('00000000-0000-4000-8000-000000000000')).to.equal(null);
    expect(await engine.get('not-a-uuid')).to.equal(null);
  });

  it('delete removes the job, its steps and its artifacts', async () => {
    const { engine, artifactsRoot } = await suite.start();
    const job = await waitForJobEnd(engine, (await engine.submit(SAMPLE_BRIEF)).id);
    const store = new LocalArtifactStore(artifactsRoot);
    expect(await store.list(`jobs/${job.id}`)).to.not.be.empty;
    await engine.delete(job.id);
    expect(await engine.get(job.id)).to.equal(null);
    expect(await store.list(`jobs/${job.id}`)).to.deep.equal([]);
    const again = await engine.delete(job.id).catch((caught: unknown) => caught);
    expect((again as LooplyError).code).to.equal('not-found');
  });

  it('submit before start() is refused with engine-not-started', async () => {
    const registry = new ProviderRegistry();
    const engine = createEngine({
      databaseUrl: suite.databaseUrl,
      registry,
      artifacts: new LocalArtifactStore('unused'),
      defaults: { script: 'mock', voice: 'mock', visual: 'mock', assembly: 'mock' },
    });
    const error = await engine.submit(SAMPLE_BRIEF).catch((caught: unknown) => caught);
    expect((error as LooplyError).code).to.equal('engine-not-started');
    await engine.stop();
  });

  it('createEngine validates its options and names the bad one', () => {
    expect(() =>
      createEngine({
        databaseUrl: 'mysql://nope',
        registry: new ProviderRegistry(),
        artifacts: new LocalArtifactStore('unused'),
        defaults: { script: 'mock', voice: 'mock', visual: 'mock', assembly: 'mock' },
        schema: 'Bad-Schema',
      }),
    )
      .to.throw(LooplyError)
      .with.property('message')
      .that.matches(/databaseUrl/)
      .and.matches(/schema/);
  });

  it('migrate() creates the tables once and is a no-op the second time', async () => {
    const schema = uniqueSchema('migrate');
    const first = await migrate({ databaseUrl: suite.databaseUrl, schema });
    const second = await migrate({ databaseUrl: suite.databaseUrl, schema });
    expect(first.applied).to.have.length(2);
    expect(second.applied).to.deep.equal([]);
  });
});
