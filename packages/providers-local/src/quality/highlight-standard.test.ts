import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { HIGHLIGHT_BOX_COLOR, HIGHLIGHT_TEXT_COLOR } from '@looply/core';
import { fixtureTimeline, type FixtureCaption } from './__fixtures__/fixture-videos.js';
import { renderHighlightedVideo, shiftedWords } from './__fixtures__/highlighted-video.js';
import { expectedHighlightOnsets, highlightStandard } from './highlight-standard.js';
import { measureVideo } from './measure-video.js';
import type { QualityReport, QualityStandardResult } from './quality-report.js';
import type { QualityTimeline } from './quality-timeline.js';

const CAPTIONS: FixtureCaption[] = [
  { startSec: 0.3, endSec: 1.9, lines: ['Solar panels turn', 'sunlight into power'] },
  { startSec: 2.2, endSec: 3.7, lines: ['every single day'] },
];

function highlighted(mode: 'color' | 'box'): QualityTimeline {
  const base = fixtureTimeline({ width: 540, height: 960, durationSec: 4, captions: CAPTIONS });
  return {
    ...base,
    captionStyle: {
      ...base.captionStyle,
      highlight: {
        mode,
        textColor: HIGHLIGHT_TEXT_COLOR,
        ...(mode === 'box' ? { boxColor: HIGHLIGHT_BOX_COLOR } : {}),
      },
    },
  };
}

function standard(report: QualityReport, id: string): QualityStandardResult {
  const found = report.standards.find((entry) => entry.id === id);
  if (!found) throw new Error(`no standard ${id} in the report`);
  return found;
}

describe('word highlight timing, measured on the pixels (real ffmpeg and libass)', function () {
  this.timeout(180_000);
  let folder: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'looply-highlight-test-'));
  });
  after(() => rm(folder, { recursive: true, force: true }));

  for (const mode of ['color', 'box'] as const) {
    it(`passes a ${mode} highlight drawn by the assembler's ASS writer, every word onset seen within one frame, and keeps every caption standard`, async () => {
      const timeline = highlighted(mode);
      const file = await renderHighlightedVideo(folder, `${mode}.mp4`, timeline);
      const report = await measureVideo(file, { timeline });
      const failed = report.standards.filter((entry) => entry.passed === false);
      expect(failed, JSON.stringify(failed, null, 1)).to.deep.equal([]);
      const result = standard(report, 'captions.highlight');
      expect(result.passed).to.equal(true);
      expect(result.measured).to.match(
        new RegExp(
          `^${expectedHighlightOnsets(timeline).length} of ${expectedHighlightOnsets(timeline).length} word onsets seen`,
        ),
      );
      expect(Math.abs(result.value!)).to.be.at.most(34);
    });
  }

  it('fails captions whose highlight moves 200 ms after the words are spoken, naming the words', async () => {
    const timeline = highlighted('color');
    const file = await renderHighlightedVideo(folder, 'late.mp4', timeline, shiftedWords(timeline, 0.2));
    const result = standard(await measureVideo(file, { timeline }), 'captions.highlight');
    expect(result.passed).to.equal(false);
    expect(result.value).to.be.within(166, 234);
    expect(result.details?.[0]).to.match(/^caption 1: "panels" highlighted at .* \(\+2\d\d ms\)$/);
  });

  it('is not measured for captions without a highlight', () => {
    const timeline = fixtureTimeline({ width: 540, height: 960, durationSec: 4, captions: CAPTIONS });
    expect(highlightStandard(timeline, []).passed).to.equal(null);
    expect(highlightStandard(timeline, []).measured).to.equal('not measured: the captions have no word highlight');
  });
});
