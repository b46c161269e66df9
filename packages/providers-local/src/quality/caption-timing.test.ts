import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { resolveFfmpegPath } from '../assembly/ffmpeg-binaries.js';
import { fixtureTimeline, renderCaptionedVideo, type FixtureCaption } from './__fixtures__/fixture-videos.js';
import { captionBandGeometry } from './analysis-geometry.js';
import { runAnalysisPass } from './analysis-pass.js';
import { measureVideo } from './measure-video.js';
import type { QualityReport, QualityStandardResult } from './quality-report.js';

const WIDTH = 540;
const HEIGHT = 960;
const FRAME = 1 / 30;
/** Three captions: a two-line one, a one-word one following it at once, and one after a pause. */
const CAPTIONS: FixtureCaption[] = [
  { startSec: 0.5, endSec: 1.7, lines: ['Le soleil brille', 'sur la Méditerranée'] },
  { startSec: 1.7, endSec: 2.4, lines: ['déjà'] },
  { startSec: 3.0, endSec: 3.8, lines: ['Énergie propre !'] },
];
/** The picture changes (second scene) in the pause between the second and third captions. */
const CUT_SEC = 2.7;
const timeline = fixtureTimeline({
  width: WIDTH,
  height: HEIGHT,
  durationSec: 4,
  captions: CAPTIONS,
  sceneStarts: [0, CUT_SEC],
  language: 'fr',
});

function standard(report: QualityReport, id: string): QualityStandardResult {
  const found = report.standards.find((entry) => entry.id === id);
  if (!found) throw new Error(`no standard ${id} in the report`);
  return found;
}

describe('caption measurement from the pixels (real ffmpeg and libass)', function () {
  this.timeout(120_000);
  let folder: string;
  let onTime: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'looply-caption-test-'));
    onTime = await renderCaptionedVideo(folder, 'on-time.mp4', timeline, CAPTIONS, { cutAtSec: CUT_SEC });
  });
  after(() => rm(folder, { recursive: true, force: true }));

  it('sees each burned caption appear and leave within one frame of when it was drawn, with its line count', async () => {
    const band = captionBandGeometry(WIDTH, HEIGHT, timeline);
    const { captions } = await runAnalysisPass({
      ffmpegPath: resolveFfmpegPath(),
      file: onTime,
      hasAudio: true,
      fps: 30,
      startSec: 0,
      endSec: 4,
      captionBand: band,
    });
    expect(captions).to.have.length(3);
    captions!.forEach((seen, index) => {
      expect(
        Math.abs(seen.startSec - CAPTIONS[index].startSec),
        `caption ${index + 1} appears at ${seen.startSec}`,
      ).to.be.at.most(FRAME + 1e-9);
      expect(
        Math.abs(seen.endSec - CAPTIONS[index].endSec),
        `caption ${index + 1} leaves at ${seen.endSec}`,
      ).to.be.at.most(FRAME + 1e-9);
    });
    expect(captions!.map((seen) => seen.lineCount)).to.deep.equal([2, 1, 1]);
  });

  it('passes every caption and scene standard for captions on time, in the safe area, in a covering font', async () => {
    const report = await measureVideo(onTime, { timeline });
    const failed = report.standards.filter((entry) => entry.passed === false);
    expect(failed, JSON.stringify(failed, null, 1)).to.deep.equal([]);
    expect(Math.abs(standard(report, 'captions.appear').value!)).to.be.at.most(34);
    expect(Math.abs(standard(report, 'captions.leave').value!)).to.be.at.most(34);
    expect(standard(report, 'captions.lines').value).to.equal(2);
    expect(standard(report, 'captions.contrast').value).to.be.at.least(10);
    expect(standard(report, 'captions.font-coverage').measured).to.match(
      /^Montserrat 800 covers the \d+ characters used and the letters of fr$/,
    );
    expect(standard(report, 'picture.scene-cuts').passed).to.equal(true);
    expect(standard(report, 'picture.scene-difference').value).to.be.at.least(6);
  });

  it('fails appear and leave timing when the captions are burned 300 ms late, naming the captions', async () => {
    const late = await renderCaptionedVideo(folder, 'late.mp4', timeline, CAPTIONS, {
      offsetSec: 0.3,
      cutAtSec: CUT_SEC,
    });
    const report = await measureVideo(late, { timeline });
    expect(report.failed).to.include.members(['captions.appear', 'captions.leave']);
    const appear = standard(report, 'captions.appear');
    expect(appear.value).to.be.within(300 - 34, 300 + 34);
    expect(appear.details?.[0]).to.match(
      /^caption 1 "Le soleil brille sur la Méditerranée": appears at 0\.80\d s, first word at 0\.500 s \(\+3\d\d ms\)$/,
    );
    expect(standard(report, 'captions.leave').value).to.be.within(300 - 34, 300 + 34);
    expect(report.failed).to.not.include('captions.safe-area');
  });

  it('fails the safe area for captions burned in the bottom margin, and the line limit for a caption wrapped to three lines', async () => {
    const captions: FixtureCaption[] = [
      CAPTIONS[0],
      CAPTIONS[1],
      { ...CAPTIONS[2], lines: ['Énergie', 'propre', 'et sûre'] },
    ];
    const low = await renderCaptionedVideo(folder, 'low.mp4', timeline, captions, {
      positionY: Math.round(HEIGHT * 0.95),
      cutAtSec: CUT_SEC,
    });
    const report = await measureVideo(low, { timeline });
    expect(report.failed).to.include.members(['captions.safe-area', 'captions.lines']);
    expect(standard(report, 'captions.safe-area').details?.join('\n')).to.match(
      /caption 1 .* spans x \d+–\d+, y \d+–(8[7-9]\d|9\d\d)/,
    );
    expect(standard(report, 'captions.lines').details?.join('\n')).to.include(
      'caption 3 "Énergie propre !" shows 3 lines on screen',
    );
    expect(report.failed).to.not.include('captions.appear');
  });

  it('fails the scene cut when the timeline puts a word after the cut inside the pause', async () => {
    const moved = structuredClone(timeline);
    moved.captions[2].words[0].startSec = 2.55;
    const report = await measureVideo(onTime, { timeline: moved });
    const cuts = standard(report, 'picture.scene-cuts');
    expect(cuts.passed).to.equal(false);
    expect(cuts.details?.[0]).to.match(/^cut at 2\.70\d s is outside the narration pause 2\.40–2\.55 s/);
  });
});
