import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import {
  AbortedError,
  LocalArtifactStore,
  ProviderError,
  type AspectRatio,
  type AssemblyCallOptionsV1,
  type Timeline,
} from '@looply/core';
import { testAssemblyProvider } from '@looply/core/testing';
import { createRenderInputs } from './__fixtures__/render-inputs.js';
import { greyFrames, measureLoudness, topLevelBoxes } from './__fixtures__/video-inspection.js';
import { resolveFfmpegPath, resolveFfprobePath } from './ffmpeg-binaries.js';
import { createLocalAssemblyProvider } from './local-assembly-provider.js';
import { probeMedia } from './probe-media.js';
import { runFfmpeg } from './run-ffmpeg.js';

const TWO_SCENES = ['Solar panels turn sunlight into power.', 'Prices fell fast, so it is cheap now!'];

describe('createLocalAssemblyProvider', function () {
  this.timeout(120_000);
  let root: string;
  let artifacts: LocalArtifactStore;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'looply-assembly-test-'));
    artifacts = new LocalArtifactStore(root);
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  function callOptions(
    timeline: Timeline,
    prefix: string,
    extra: Partial<AssemblyCallOptionsV1> = {},
  ): AssemblyCallOptionsV1 {
    return {
      timeline,
      artifacts,
      artifactPrefix: prefix,
      abortSignal: new AbortController().signal,
      idempotencyKey: prefix,
      ...extra,
    };
  }

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
      ({ timeline } = await createRenderInputs(artifacts, {
        aspectRatio: '9:16',
        music: true,
        sceneTexts: TWO_SCENES,
        prefix: 'vertical',
      }));
      progress = [];
      result = await createLocalAssemblyProvider().doGenerate(
        callOptions(timeline, 'jobs/vertical/assembly', { onProgress: (fraction) => progress.push(fraction) }),
      );
      file = await artifacts.localPath(result.video.key);
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
      const poster = await artifacts.get('jobs/vertical/assembly/poster.jpg');
      expect([...poster.subarray(0, 3)]).to.deep.equal([0xff, 0xd8, 0xff]);
      const probed = await probeMedia({
        ffprobePath: resolveFfprobePath(undefined),
        file: await artifacts.localPath('jobs/vertical/assembly/poster.jpg'),
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

  describe('captions (a 1:1 render with captions against the same render without)', () => {
    let timeline: Timeline;
    let withCaptions: Uint8Array[];
    let withoutCaptions: Uint8Array[];
    const SCALE = 4;
    const size = 1080 / SCALE;

    before(async () => {
      ({ timeline } = await createRenderInputs(artifacts, {
        aspectRatio: '1:1',
        sceneTexts: ['Ça marche déjà très bien, même en hiver.', 'Et la facture baisse!'],
        prefix: 'square',
      }));
      const provider = createLocalAssemblyProvider();
      const captioned = await provider.doGenerate(callOptions(timeline, 'jobs/square-captions/assembly'));
      const plain = await provider.doGenerate(callOptions({ ...timeline, captions: [] }, 'jobs/square-plain/assembly'));
      expect(captioned.warnings, 'the caption font covers French').to.deep.equal([]);
      withCaptions = await greyFrames(await artifacts.localPath(captioned.video.key), size, size);
      withoutCaptions = await greyFrames(await artifacts.localPath(plain.video.key), size, size);
    });

    /** Pixels that differ strongly between the two renders of frame `index`. */
    function captionPixels(index: number): Array<{ x: number; y: number }> {
      const pixels: Array<{ x: number; y: number }> = [];
      const a = withCaptions[index];
      const b = withoutCaptions[index];
      for (let offset = 0; offset < a.length; offset += 1) {
        if (Math.abs(a[offset] - b[offset]) > 60) pixels.push({ x: offset % size, y: Math.floor(offset / size) });
      }
      return pixels;
    }

    it('shows each caption from its first word (±100 ms) until its last word ends (±150 ms)', () => {
      expect(withCaptions.length).to.equal(withoutCaptions.length);
      const visible = withCaptions.map((_, index) => captionPixels(index).length > 20);
      let cursor = 0;
      for (const caption of timeline.captions) {
        const text = caption.lines.join(' ');
        const firstWord = caption.words[0].startSec;
        const lastWord = caption.words[caption.words.length - 1].endSec;
        // The next run of frames showing text belongs to this caption (the fixture leaves gaps between captions).
        const first = visible.findIndex((shown, index) => shown && index >= cursor);
        expect(first, `caption "${text}" never shows`).to.be.at.least(0);
        let last = first;
        while (visible[last + 1]) last += 1;
        cursor = last + 1;
        expect(first / 30, `"${text}" appears`).to.be.within(firstWord - 0.1, firstWord + 0.1);
        expect((last + 1) / 30, `"${text}" leaves`).to.be.within(lastWord - 0.15, lastWord + 0.15);
      }
    });

    it('draws captions only inside the title-safe area (10% margins), in the lower part of the frame', () => {
      const margin = size * 0.1;
      for (const caption of timeline.captions) {
        const frame = Math.round(((caption.startSec + caption.endSec) / 2) * 30);
        const pixels = captionPixels(frame);
        expect(pixels.length).to.be.greaterThan(100);
        for (const { x, y } of pixels) {
          expect(x, 'caption x').to.be.within(margin - 1, size - margin + 1);
          expect(y, 'caption y').to.be.within(size / 2, size - margin + 1);
        }
      }
    });

    it('draws the same picture under the captions (they are burned on top, nothing else changes)', () => {
      const frame = Math.round((timeline.captions[0].startSec + 0.2) * 30);
      const top = captionPixels(frame).filter(({ y }) => y < size / 2);
      expect(top).to.deep.equal([]);
    });
  });

  for (const aspectRatio of ['16:9', '1:1'] as AspectRatio[]) {
    it(`renders ${aspectRatio} at its output size, stills of another shape cover-fitted`, async () => {
      const { timeline } = await createRenderInputs(artifacts, {
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
        file: await artifacts.localPath(result.video.key),
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
    const { timeline } = await createRenderInputs(artifacts, {
      aspectRatio: '16:9',
      sceneTexts: ['A clip that loops.', 'And one that is cut short.'],
      prefix: 'clips',
    });
    const clips = [0.7, 9];
    const visuals = await Promise.all(
      timeline.visuals.map(async (clip, index) => {
        const file = join(root, `clip-${index}.mp4`);
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
        const artifact = await artifacts.putFile(`clips/clip-${index}.mp4`, file, { contentType: 'video/mp4' });
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
    const file = await artifacts.localPath(result.video.key);
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

  it('stops ffmpeg and throws AbortedError when aborted mid-render, storing nothing', async () => {
    const { timeline } = await createRenderInputs(artifacts, {
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
    expect(await artifacts.list('jobs/abort')).to.deep.equal([]);
  });

  it('turns an ffmpeg failure into a non-retryable ProviderError quoting ffmpeg', async () => {
    const { timeline } = await createRenderInputs(artifacts, {
      aspectRatio: '1:1',
      sceneTexts: ['Broken picture.'],
      prefix: 'broken',
    });
    const broken = await artifacts.put('broken/not-a-picture.png', Buffer.from('this is not a PNG file at all'), {
      contentType: 'image/png',
    });
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
    const { timeline } = await createRenderInputs(artifacts, {
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
    const { timeline } = await createRenderInputs(artifacts, {
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
    const { timeline } = await createRenderInputs(artifacts, {
      aspectRatio: '1:1',
      sceneTexts: ['Fine.'],
      prefix: 'no-ffmpeg',
    });
    const missing = join(root, 'no-such-ffmpeg');
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

/** Set by the error case: the next conformance timeline points at a picture ffmpeg cannot decode. */
let breakNextTimeline = false;

testAssemblyProvider({
  title: 'local assembly provider conformance',
  createProvider: () => createLocalAssemblyProvider(),
  createTimeline: async (artifacts) => {
    const { timeline } = await createRenderInputs(artifacts, {
      aspectRatio: '9:16',
      sceneTexts: ['Conformance check.', 'Short.'],
      prefix: 'conformance',
    });
    if (!breakNextTimeline) return timeline;
    breakNextTimeline = false;
    const broken = await artifacts.put('conformance/broken.png', Buffer.from('not a picture'), {
      contentType: 'image/png',
    });
    return { ...timeline, visuals: timeline.visuals.map((clip) => ({ ...clip, artifact: broken })) };
  },
  errorCases: [
    {
      name: 'an input ffmpeg cannot decode',
      arrange: () => {
        breakNextTimeline = true;
      },
      expect: { retryable: false, messageIncludes: 'ffmpeg exited with code' },
    },
  ],
  inspectVideo: async ({ artifact, artifacts }) => {
    const probed = await probeMedia({
      ffprobePath: resolveFfprobePath(),
      file: await artifacts.localPath(artifact.key),
      provider: 'test',
    });
    const video = probed.streams.find((stream) => stream.type === 'video');
    return { width: video?.width ?? 0, height: video?.height ?? 0, durationSec: probed.durationSec ?? 0 };
  },
  timeoutMs: 90_000,
});
