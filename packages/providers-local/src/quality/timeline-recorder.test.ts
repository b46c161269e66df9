import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { LocalArtifactStore, ProviderRegistry, type Timeline } from '@looply/core';
import { createMockAssemblyProvider, createMockScriptProvider, createSampleTimeline } from '@looply/core/testing';
import { readRecordedTimeline, recordTimeline, recordTimelines, timelineArtifactKey } from './timeline-recorder.js';

describe('recordTimeline', () => {
  let folder: string;
  let artifacts: LocalArtifactStore;
  let timeline: Timeline;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'looply-recorder-test-'));
    artifacts = new LocalArtifactStore(folder);
    timeline = await createSampleTimeline(artifacts, 'jobs/sample');
  });
  after(() => rm(folder, { recursive: true, force: true }));

  const callFor = (jobId: string) => ({
    abortSignal: new AbortController().signal,
    idempotencyKey: `${jobId}:assembly`,
    artifacts,
    artifactPrefix: `jobs/${jobId}/assembly`,
  });

  it('keeps the timeline beside the video of a short assembler, where readRecordedTimeline finds it', async () => {
    const inner = createMockAssemblyProvider();
    const recording = recordTimeline(inner);
    expect(recording).to.include({
      specificationVersion: 'v1',
      kind: 'assembly',
      provider: inner.provider,
      mode: 'short',
    });
    const result =
      recording.mode === 'short' ? await recording.doGenerate({ ...callFor('job-a'), timeline }) : undefined;
    expect(result?.video.key).to.equal('jobs/job-a/assembly/video.mp4');
    expect(inner.calls).to.have.length(1);
    expect(JSON.parse((await artifacts.get(timelineArtifactKey('job-a'))).toString('utf8'))).to.deep.equal(timeline);
    expect((await readRecordedTimeline(artifacts, 'job-a'))?.captions).to.deep.equal(timeline.captions);
    expect(await readRecordedTimeline(artifacts, 'job-without-timeline')).to.equal(undefined);
  });

  it('records when a long-running assembler starts, and passes status calls through', async () => {
    const inner = createMockAssemblyProvider({ mode: 'long-running', pendingPolls: 0 });
    const recording = recordTimeline(inner);
    if (recording.mode !== 'long-running') throw new Error('expected a long-running provider');
    const started = await recording.doStart({ ...callFor('job-b'), timeline });
    expect(await artifacts.exists(timelineArtifactKey('job-b'))).to.equal(true);
    const status = await recording.doStatus({ ...callFor('job-b'), operation: started.operation });
    expect(status.status).to.equal('completed');
    expect(recording.parseWebhook).to.be.a('function');
    expect(recording.doCancel).to.be.a('function');
  });

  it('copies a registry, wrapping only the assembly providers', () => {
    const registry = new ProviderRegistry();
    const script = createMockScriptProvider();
    registry.register(script).register(createMockAssemblyProvider());
    const copy = recordTimelines(registry);
    expect(copy.get('script', script.provider)).to.equal(script);
    expect(copy.ids('assembly')).to.deep.equal(registry.ids('assembly'));
    expect(copy.get('assembly', registry.ids('assembly')[0])).to.not.equal(
      registry.get('assembly', registry.ids('assembly')[0]),
    );
  });
});
