import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { LooplyError } from '@looply/core';
import { renderBadContainerVideo, renderDefectiveVideo, renderGoodVideo } from './__fixtures__/fixture-videos.js';
import { measureVideo } from './measure-video.js';
import type { QualityReport, QualityStandardResult } from './quality-report.js';

function standard(report: QualityReport, id: string): QualityStandardResult {
  const found = report.standards.find((entry) => entry.id === id);
  if (!found) throw new Error(`no standard ${id} in the report`);
  return found;
}

describe('measureVideo (real ffmpeg, no timeline)', function () {
  this.timeout(120_000);
  let folder: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'looply-quality-test-'));
  });
  after(() => rm(folder, { recursive: true, force: true }));

  it('passes a clean video and reports the measured figures', async () => {
    const file = join(folder, 'good.mp4');
    await renderGoodVideo(file);
    const report = await measureVideo(file);

    expect(report.failed, JSON.stringify(report.standards, null, 1)).to.deep.equal([]);
    expect(report.passed).to.equal(true);
    expect(standard(report, 'container.video-codec').measured).to.equal('H.264 High');
    expect(standard(report, 'container.frame-rate').value).to.equal(30);
    expect(standard(report, 'container.frame-rate').measured).to.match(/constant \(119 intervals/);
    expect(standard(report, 'container.audio').measured).to.equal('AAC 48 kHz stereo');
    expect(standard(report, 'loudness.integrated').value).to.be.within(-15, -13);
    expect(standard(report, 'loudness.true-peak').value).to.be.at.most(-1);
    expect(standard(report, 'picture.black').value).to.equal(0);
    expect(standard(report, 'picture.frozen').value).to.equal(0);
  });

  it('leaves caption, scene, duration and ducking standards unmeasured without a timeline: neither pass nor fail', async () => {
    const report = await measureVideo(join(folder, 'good.mp4'));
    expect(report.timelineUsed).to.equal(false);
    expect(report.notMeasured).to.include.members([
      'captions.appear',
      'captions.leave',
      'captions.safe-area',
      'picture.scene-cuts',
      'container.duration',
      'loudness.music-ducking',
    ]);
    for (const id of report.notMeasured) {
      expect(standard(report, id).passed).to.equal(null);
      expect(standard(report, id).measured).to.match(/^not measured: /);
    }
  });

  it('fails a video with a black gap, a frozen stretch, a silent second and the wrong loudness, naming each', async () => {
    const file = join(folder, 'defective.mp4');
    await renderDefectiveVideo(file);
    const report = await measureVideo(file);

    expect(report.passed).to.equal(false);
    expect(report.failed).to.have.members(['loudness.integrated', 'picture.black', 'picture.frozen']);
    const loudness = standard(report, 'loudness.integrated');
    expect(loudness.value).to.be.within(-24.5, -21.5);
    const black = standard(report, 'picture.black');
    expect(black.value).to.be.within(0.95, 1.1);
    expect(black.details?.[0]).to.match(/^black 1\.0\d–2\.0\d s/);
    const frozen = standard(report, 'picture.frozen');
    expect(
      frozen.details?.some((detail) => /^frozen 2\.(4|5)\d–3\.5\d s/.test(detail)),
      frozen.details?.join('\n'),
    ).to.equal(true);
  });

  it('fails a video with the wrong frame rate, pixel format, audio and box order, and silent sound', async () => {
    const file = join(folder, 'bad-container.mp4');
    await renderBadContainerVideo(file);
    const report = await measureVideo(file);

    expect(report.failed).to.have.members([
      'container.video-codec',
      'container.pixel-format',
      'container.frame-rate',
      'container.audio',
      'container.faststart',
      'loudness.integrated',
    ]);
    expect(standard(report, 'container.video-codec').measured).to.equal('H.264 High 4:4:4 Predictive');
    expect(standard(report, 'container.pixel-format').measured).to.equal('yuv444p');
    expect(standard(report, 'container.frame-rate').value).to.equal(25);
    expect(standard(report, 'container.audio').measured).to.equal('AAC 44.1 kHz mono');
    expect(standard(report, 'container.faststart').measured).to.equal('moov after mdat');
    expect(standard(report, 'loudness.integrated').measured).to.match(/silent|-70/);
  });

  it('rejects a missing file and a file that is not a video as invalid input', async () => {
    const notVideo = join(folder, 'notes.mp4');
    await writeFile(notVideo, 'these are not frames');
    for (const file of [join(folder, 'missing.mp4'), notVideo]) {
      const error = await measureVideo(file).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).to.be.instanceOf(LooplyError);
      expect((error as LooplyError).code).to.equal('invalid-input');
      expect((error as LooplyError).message).to.include(file);
    }
  });

  it('rejects a malformed timeline naming the bad field', async () => {
    const error = await measureVideo(join(folder, 'good.mp4'), { timeline: { language: 'en' } }).catch(
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(LooplyError);
    expect((error as LooplyError).code).to.equal('validation');
    expect((error as LooplyError).message).to.match(/measureVideo timeline: .*output/);
  });
});
