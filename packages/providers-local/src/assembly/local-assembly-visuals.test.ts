import { join } from 'node:path';
import { expect } from 'chai';
import type { AspectRatio } from '@looply/core';
import { useAssemblyHarness } from './__fixtures__/assembly-harness.js';
import { createRenderInputs } from './__fixtures__/render-inputs.js';
import { greyFrames } from './__fixtures__/video-inspection.js';
import { resolveFfmpegPath, resolveFfprobePath } from './ffmpeg-binaries.js';
import { createLocalAssemblyProvider } from './local-assembly-provider.js';
import { probeMedia } from './probe-media.js';
import { runFfmpeg } from './run-ffmpeg.js';

describe('createLocalAssemblyProvider', function () {
  this.timeout(120_000);
  const harness = useAssemblyHarness();
  const { callOptions } = harness;

  for (const aspectRatio of ['16:9', '1:1'] as AspectRatio[]) {
    it(`renders ${aspectRatio} at its output size, stills of another shape cover-fitted`, async () => {
      const { timeline } = await createRenderInputs(harness.artifacts, {
        aspectRatio,
        sceneTexts: ['Short and sweet.', 'Still works.'],
        stillSize: { width: 1024, height: 1536 },
        prefix: `shape-${aspectRatio.replace(':', 'x')}`,
      });
      const result = await createLocalAssemblyProvider().doGenerate(
        callOptions(timeline, `jobs/shape-${aspectRatio.replace(':', 'x')}/assembly`),
      );
      const probed = await probeMedia({
        ffprobePath: resolveFfprobePath(),
        file: await harness.artifacts.localPath(result.video.key),
        provider: 'test',
      });
      const video = probed.streams.find((stream) => stream.type === 'video');
      expect(video).to.include({
        width: timeline.output.width,
        height: timeline.output.height,
        profile: 'High',
        pixelFormat: 'yuv420p',
        frameRate: 30,
      });
      expect(probed.durationSec).to.be.closeTo(timeline.durationSec, 0.1);
    });
  }

  it('loops a video clip shorter than its scene and trims one that is longer', async () => {
    const { timeline } = await createRenderInputs(harness.artifacts, {
      aspectRatio: '16:9',
      sceneTexts: ['A clip that loops.', 'And one that is cut short.'],
      prefix: 'clips',
    });
    const clips = [0.7, 9];
    const visuals = await Promise.all(
      timeline.visuals.map(async (clip, index) => {
        const file = join(harness.root, `clip-${index}.mp4`);
        await runFfmpeg({
          binary: resolveFfmpegPath(),
          args: [
            '-y',
            '-f',
            'lavfi',
            '-i',
            `testsrc2=size=640x360:rate=25:duration=${clips[index]}`,
            '-c:v',
            'libx264',
            '-preset',
            'ultrafast',
            '-pix_fmt',
            'yuv420p',
            file,
          ],
          what: 'making a test clip',
          provider: 'test',
        });
        const artifact = await harness.artifacts.putFile(`clips/clip-${index}.mp4`, file, { contentType: 'video/mp4' });
        return {
          ...clip,
          kind: 'video' as const,
          artifact,
          sourceDurationSec: clips[index],
          motion: { type: 'none' as const },
        };
      }),
    );
    const result = await createLocalAssemblyProvider().doGenerate(
      callOptions({ ...timeline, visuals }, 'jobs/clips/assembly'),
    );
    const file = await harness.artifacts.localPath(result.video.key);
    const probed = await probeMedia({ ffprobePath: resolveFfprobePath(), file, provider: 'test' });
    expect(probed.streams.find((stream) => stream.type === 'video')?.frames).to.equal(
      Math.round(timeline.durationSec * 30),
    );
    // The looping clip keeps moving: no frozen stretch after its 0.7 s are used up.
    const frames = await greyFrames(file, 192, 108);
    const firstSceneFrames = Math.round(timeline.visuals[0].lengthSec * 30);
    let still = 0;
    for (let index = 1; index < firstSceneFrames; index += 1) {
      let changed = 0;
      for (let pixel = 0; pixel < frames[index].length; pixel += 1)
        changed += Math.abs(frames[index][pixel] - frames[index - 1][pixel]);
      still = changed / frames[index].length < 0.05 ? still + 1 : 0;
      expect(still, `frozen at frame ${index}`).to.be.below(15);
    }
  });
});
