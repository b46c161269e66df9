import { join } from 'node:path';
import { expect } from 'chai';
import { AbortedError, ProviderError } from '@looply/core';
import { TWO_SCENES, useAssemblyHarness } from './__fixtures__/assembly-harness.js';
import { createRenderInputs } from './__fixtures__/render-inputs.js';
import { createLocalAssemblyProvider } from './local-assembly-provider.js';

describe('createLocalAssemblyProvider', function () {
  this.timeout(120_000);
  const harness = useAssemblyHarness();
  const { callOptions } = harness;

  it('stops ffmpeg and throws AbortedError when aborted mid-render, storing nothing', async () => {
    const { timeline } = await createRenderInputs(harness.artifacts, {
      aspectRatio: '9:16',
      sceneTexts: TWO_SCENES,
      prefix: 'abort',
    });
    const controller = new AbortController();
    const rendering = createLocalAssemblyProvider().doGenerate(
      callOptions(timeline, 'jobs/abort/assembly', {
        abortSignal: controller.signal,
        onProgress: (fraction) => {
          if (fraction > 0.1) controller.abort();
        },
      }),
    );
    const error = await rendering.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(AbortedError);
    expect(await harness.artifacts.list('jobs/abort')).to.deep.equal([]);
  });

  it('turns an ffmpeg failure into a non-retryable ProviderError quoting ffmpeg', async () => {
    const { timeline } = await createRenderInputs(harness.artifacts, {
      aspectRatio: '1:1',
      sceneTexts: ['Broken picture.'],
      prefix: 'broken',
    });
    const broken = await harness.artifacts.put(
      'broken/not-a-picture.png',
      Buffer.from('this is not a PNG file at all'),
      {
        contentType: 'image/png',
      },
    );
    const visuals = timeline.visuals.map((clip) => ({ ...clip, artifact: broken }));
    const error = await createLocalAssemblyProvider()
      .doGenerate(callOptions({ ...timeline, visuals }, 'jobs/broken/assembly'))
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).to.be.instanceOf(ProviderError);
    expect((error as ProviderError).retryable).to.equal(false);
    expect((error as ProviderError).message).to.match(/ffmpeg exited with code \d+ while rendering the video:\n.+/);
  });

  it('rejects an invalid timeline with a non-retryable ProviderError naming the field', async () => {
    const { timeline } = await createRenderInputs(harness.artifacts, {
      aspectRatio: '1:1',
      sceneTexts: ['Fine.'],
      prefix: 'invalid',
    });
    const error = await createLocalAssemblyProvider()
      .doGenerate(callOptions({ ...timeline, output: { ...timeline.output, width: -5 } }, 'jobs/invalid/assembly'))
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).to.be.instanceOf(ProviderError);
    expect((error as ProviderError).retryable).to.equal(false);
    expect((error as ProviderError).message).to.match(/invalid timeline: output\.width/);
  });

  it('names a missing input artifact in a non-retryable error', async () => {
    const { timeline } = await createRenderInputs(harness.artifacts, {
      aspectRatio: '1:1',
      sceneTexts: ['Fine.'],
      prefix: 'missing-input',
    });
    const visuals = timeline.visuals.map((clip) => ({
      ...clip,
      artifact: { key: 'nowhere/still.png', contentType: 'image/png' },
    }));
    const error = await createLocalAssemblyProvider()
      .doGenerate(callOptions({ ...timeline, visuals }, 'jobs/missing-input/assembly'))
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).to.be.instanceOf(ProviderError);
    expect((error as ProviderError).retryable).to.equal(false);
    expect((error as ProviderError).message).to.include(
      'the visual of scene 0 (artifact nowhere/still.png) cannot be read',
    );
  });

  it('names a missing ffmpeg binary in a non-retryable error', async () => {
    const { timeline } = await createRenderInputs(harness.artifacts, {
      aspectRatio: '1:1',
      sceneTexts: ['Fine.'],
      prefix: 'no-ffmpeg',
    });
    const missing = join(harness.root, 'no-such-ffmpeg');
    const error = await createLocalAssemblyProvider({ ffmpegPath: missing })
      .doGenerate(callOptions(timeline, 'jobs/no-ffmpeg/assembly'))
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).to.be.instanceOf(ProviderError);
    expect((error as ProviderError).retryable).to.equal(false);
    expect((error as ProviderError).message).to.include(missing);
  });
});
