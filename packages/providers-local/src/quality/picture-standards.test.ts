import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ffmpeg, fixtureTimeline, GOOD_ENCODING, speechLikeAudio } from './__fixtures__/fixture-videos.js';
import { measureVideo } from './measure-video.js';
import type { QualityReport, QualityStandardResult } from './quality-report.js';

function standard(report: QualityReport, id: string): QualityStandardResult {
  return report.standards.find((entry) => entry.id === id)!;
}

describe('picture standards with a timeline (real ffmpeg)', function () {
  this.timeout(120_000);
  let folder: string;
  let still: string;
  /** Two scenes on the timeline, but the picture never changes. */
  const timeline = fixtureTimeline({ width: 320, height: 568, durationSec: 3, captions: [], sceneStarts: [0, 1.5] });

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'looply-picture-test-'));
    still = join(folder, 'still.mp4');
    await ffmpeg(['-f', 'lavfi', '-i', 'smptebars=s=320x568:r=30:d=3', ...speechLikeAudio(3), ...GOOD_ENCODING, still]);
  });
  after(() => rm(folder, { recursive: true, force: true }));

  it('fails scenes that look alike, a boundary with no cut, and the frozen picture', async () => {
    const report = await measureVideo(still, { timeline });
    expect(report.failed).to.have.members(['picture.frozen', 'picture.scene-difference', 'picture.scene-cuts']);
    expect(standard(report, 'picture.scene-difference').value).to.be.below(1);
    expect(standard(report, 'picture.scene-cuts').details).to.deep.equal([
      'no visible cut within 0.5 s of the boundary at 1.500 s',
    ]);
    expect(standard(report, 'picture.frozen').measured).to.match(/^1 frozen segment, longest (2\.9|3\.0)\d s$/);
    expect(standard(report, 'captions.appear').measured).to.equal('not measured: no captions in the timeline');
  });

  it('accepts a frozen picture inside stills the timeline shows without motion (deliberate holds)', async () => {
    const holds = structuredClone(timeline);
    for (const clip of holds.visuals) clip.motion = { type: 'none' };
    const frozen = standard(await measureVideo(still, { timeline: holds }), 'picture.frozen');
    expect(frozen.passed, frozen.details?.join('\n')).to.equal(true);
    expect(frozen.details?.[0]).to.match(/^deliberate hold \(a still without motion\) 0\.0\d–3\.0\d s$/);
  });
});
