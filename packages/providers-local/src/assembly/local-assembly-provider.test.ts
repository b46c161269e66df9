import { expect } from 'chai';
import type { Timeline } from '@looply/core';
import { TWO_SCENES, useAssemblyHarness } from './__fixtures__/assembly-harness.js';
import { createRenderInputs } from './__fixtures__/render-inputs.js';
import { greyFrames, measureLoudness, topLevelBoxes } from './__fixtures__/video-inspection.js';
import { resolveFfprobePath } from './ffmpeg-binaries.js';
import { createLocalAssemblyProvider } from './local-assembly-provider.js';
import { probeMedia } from './probe-media.js';

describe('createLocalAssemblyProvider', function () {
  this.timeout(120_000);
  const harness = useAssemblyHarness();
  const { callOptions } = harness;

  it("declares itself as the 'local' short assembly provider", () => {
    const provider = createLocalAssemblyProvider();
    expect(provider).to.include({ specificationVersion: 'v1', kind: 'assembly', provider: 'local', mode: 'short' });
  });

  it('rejects unknown settings, naming them', () => {
    expect(() => createLocalAssemblyProvider({ preset: 'turbo' as 'veryfast' })).to.throw(
      /createLocalAssemblyProvider settings: preset/,
    );
    expect(() => createLocalAssemblyProvider({ speed: 2 } as never)).to.throw(/createLocalAssemblyProvider settings/);
  });

  describe('a 9:16 render with music and captions', () => {
    let timeline: Timeline;
    let file: string;
    let progress: number[];
    let result: Awaited<ReturnType<ReturnType<typeof createLocalAssemblyProvider>['doGenerate']>>;

    before(async () => {
      ({ timeline } = await createRenderInputs(harness.artifacts, {
        aspectRatio: '9:16',
        music: true,
        sceneTexts: TWO_SCENES,
        prefix: 'vertical',
      }));
      progress = [];
      result = await createLocalAssemblyProvider().doGenerate(
        callOptions(timeline, 'jobs/vertical/assembly', { onProgress: (fraction) => progress.push(fraction) }),
      );
      file = await harness.artifacts.localPath(result.video.key);
    });

    it('stores the MP4 under the call prefix and reports its size, duration and render time', () => {
      expect(result.video).to.include({ key: 'jobs/vertical/assembly/video.mp4', contentType: 'video/mp4' });
      expect(result.video.bytes).to.be.greaterThan(10_000);
      expect(result).to.include({ width: 1080, height: 1920 });
      expect(result.durationSec).to.be.closeTo(timeline.durationSec, 0.1);
      expect(result.usage.renderSeconds).to.be.greaterThan(0);
      expect(result.warnings).to.deep.equal([]);
    });

    it("stores a 540-wide JPEG poster frame next to the video, with the video's aspect ratio", async () => {
      const poster = await harness.artifacts.get('jobs/vertical/assembly/poster.jpg');
      expect([...poster.subarray(0, 3)]).to.deep.equal([0xff, 0xd8, 0xff]);
      const probed = await probeMedia({
        ffprobePath: resolveFfprobePath(undefined),
        file: await harness.artifacts.localPath('jobs/vertical/assembly/poster.jpg'),
        provider: 'local',
      });
      expect(probed.streams.find((stream) => stream.type === 'video')).to.include({ width: 540, height: 960 });
    });

    it('encodes H.264 High yuv420p at a constant 30 fps and AAC 48 kHz stereo, lasting the narration plus at most 0.5 s', async () => {
      const probed = await probeMedia({ ffprobePath: resolveFfprobePath(), file, provider: 'test' });
      const video = probed.streams.find((stream) => stream.type === 'video');
      const audio = probed.streams.find((stream) => stream.type === 'audio');
      expect(video).to.include({
        codec: 'h264',
        profile: 'High',
        pixelFormat: 'yuv420p',
        width: 1080,
        height: 1920,
        frameRate: 30,
      });
      expect(video?.frames).to.equal(Math.round(timeline.durationSec * 30));
      expect(audio).to.include({ codec: 'aac', sampleRate: 48_000, channels: 2 });
      expect(probed.durationSec).to.be.at.least(timeline.narration.lengthSec - 0.05);
      expect(probed.durationSec).to.be.at.most(timeline.narration.lengthSec + 0.5 + 0.05);
    });

    it('puts the moov box before the media data (+faststart)', async () => {
      const boxes = await topLevelBoxes(file);
      expect(boxes).to.include.members(['moov', 'mdat']);
      expect(boxes.indexOf('moov')).to.be.lessThan(boxes.indexOf('mdat'));
    });

    it('measures −14 ± 1 LUFS integrated with a true peak at or under −1 dBTP', async () => {
      const loudness = await measureLoudness(file);
      expect(loudness.integratedLufs).to.be.within(-15, -13);
      expect(loudness.truePeakDb).to.be.at.most(-1);
    });

    it('reports progress from 0 to 1 without going backwards', () => {
      expect(progress.length).to.be.greaterThan(3);
      expect(progress.at(-1)).to.equal(1);
      for (let index = 1; index < progress.length; index += 1)
        expect(progress[index]).to.be.at.least(progress[index - 1]);
    });

    it('has no black and no frozen stretch longer than 0.5 s', async () => {
      const frames = await greyFrames(file, 108, 192);
      let still = 0;
      for (const [index, frame] of frames.entries()) {
        const mean = frame.reduce((sum, value) => sum + value, 0) / frame.length;
        expect(mean, `frame ${index} is black`).to.be.greaterThan(16);
        const previous = frames[index - 1];
        if (!previous) continue;
        let changed = 0;
        for (let pixel = 0; pixel < frame.length; pixel += 1) changed += Math.abs(frame[pixel] - previous[pixel]);
        still = changed / frame.length < 0.05 ? still + 1 : 0;
        expect(still, `frozen from frame ${index - still}`).to.be.below(15);
      }
    });
  });
});
