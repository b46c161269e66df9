import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { qualityReportSchema, type Timeline } from '@looply/core';
import { fixtureTimeline, renderCaptionedVideo, renderDefectiveVideo } from './__fixtures__/fixture-videos.js';
import { createVideoOutputCheck } from './video-output-check.js';

describe('createVideoOutputCheck (the engine’s output check, real ffmpeg)', function () {
  this.timeout(120_000);
  const captions = [
    { startSec: 0.4, endSec: 1.6, lines: ['Solar power', 'is cheap now'] },
    { startSec: 2.2, endSec: 3.4, lines: ['and it is clean'] },
  ];
  // The fixture timeline has the fields the check reads; the engine hands over a whole Timeline.
  const timeline = fixtureTimeline({ width: 540, height: 960, durationSec: 4, captions }) as unknown as Timeline;
  let folder: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'looply-output-check-test-'));
    await renderCaptionedVideo(folder, 'good.mp4', timeline as never, captions);
    await renderDefectiveVideo(join(folder, 'bad.mp4'));
  });
  after(() => rm(folder, { recursive: true, force: true }));

  const video = { key: 'jobs/job-1/assembly/video.mp4', contentType: 'video/mp4' };
  const check = createVideoOutputCheck();

  it('measures every standard against the timeline and names the video by its artifact key', async () => {
    const report = await check({
      video,
      videoPath: join(folder, 'good.mp4'),
      timeline,
      abortSignal: new AbortController().signal,
    });
    expect(qualityReportSchema.parse(report)).to.deep.equal(report);
    expect(report).to.include({ file: video.key, passed: true, timelineUsed: true });
    expect(report.standards.find((standard) => standard.id === 'captions.appear')?.passed).to.equal(true);
  });

  it('reports the standards a defective video fails', async () => {
    const report = await check({
      video,
      videoPath: join(folder, 'bad.mp4'),
      timeline: fixtureTimeline({ width: 540, height: 960, durationSec: 4, captions: [] }) as unknown as Timeline,
      abortSignal: new AbortController().signal,
    });
    expect(report.passed).to.equal(false);
    expect(report.failed).to.include.members(['loudness.integrated', 'picture.black', 'picture.frozen']);
  });
});
