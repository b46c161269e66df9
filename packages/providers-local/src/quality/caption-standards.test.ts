import { expect } from 'chai';
import { fixtureTimeline } from './__fixtures__/fixture-videos.js';
import { captionBandGeometry } from './analysis-geometry.js';
import { captionStandards } from './caption-standards.js';
import type { OnScreenCaption } from './caption-track.js';
import type { QualityStandardResult } from './quality-report.js';

const timeline = fixtureTimeline({
  width: 1080,
  height: 1920,
  durationSec: 6,
  captions: [
    { startSec: 0.5, endSec: 2, lines: ['Solar power', 'is cheap'] },
    { startSec: 3, endSec: 4.5, lines: ['and clean.'] },
  ],
});
const band = captionBandGeometry(1080, 1920, timeline);

/** A caption as the pixel analysis reports it: centred in the band, inside the safe area. */
function seen(startSec: number, endSec: number, overrides: Partial<OnScreenCaption> = {}): OnScreenCaption {
  return {
    startSec,
    endSec,
    pixelCount: 4000,
    box: { left: 150, top: 220, right: 390, bottom: 300 },
    lineCount: 2,
    contrastRatio: 17,
    ...overrides,
  };
}

function byId(results: QualityStandardResult[], id: string): QualityStandardResult {
  return results.find((result) => result.id === id)!;
}

describe('captionStandards', () => {
  it('passes captions seen within the tolerances: +90 ms in, +140 ms out', () => {
    const results = captionStandards({ timeline, band, seen: [seen(0.59, 2.14), seen(3.0, 4.5, { lineCount: 1 })] });
    expect(results.filter((result) => result.passed !== true).map((result) => result.id)).to.deep.equal([]);
    expect(byId(results, 'captions.appear')).to.include({ value: 90, measured: 'worst +90 ms (caption 1 of 2)' });
    expect(byId(results, 'captions.leave')).to.include({ value: 140 });
  });

  it('fails a caption appearing 120 ms late and one never seen, naming both', () => {
    const results = captionStandards({ timeline, band, seen: [seen(0.62, 2.0)] });
    const appear = byId(results, 'captions.appear');
    expect(appear.passed).to.equal(false);
    expect(appear.measured).to.equal('worst +120 ms (caption 1 of 2), 1 not seen');
    expect(appear.details).to.deep.equal([
      'caption 1 "Solar power is cheap": appears at 0.620 s, first word at 0.500 s (+120 ms)',
      'caption 2 "and clean." (words 3.00–4.50 s) was not seen on screen',
    ]);
  });

  it('fails lines whose text does not spell the words (a word cut in two)', () => {
    const cut = structuredClone(timeline);
    cut.captions[0].lines = ['Solar pow', 'er is cheap'];
    const lines = byId(captionStandards({ timeline: cut, band, seen: [seen(0.5, 2), seen(3, 4.5)] }), 'captions.lines');
    expect(lines.passed).to.equal(false);
    expect(lines.details?.[0]).to.equal(
      'caption 1: lines "Solar pow" / "er is cheap" do not spell its words "Solar power is cheap" (a word cut or lost)',
    );
  });

  it('fails a caption whose pixels reach into the side margin, in video pixels', () => {
    const results = captionStandards({
      timeline,
      band,
      seen: [seen(0.5, 2, { box: { left: 20, top: 220, right: 390, bottom: 300 } }), seen(3, 4.5)],
    });
    const safeArea = byId(results, 'captions.safe-area');
    expect(safeArea.passed).to.equal(false);
    expect(safeArea.limit).to.equal('inside x 108–972, y 192–1728 (10 % margins)');
    expect(safeArea.details?.[0]).to.match(/^caption 1 "Solar power is cheap" spans x 40–780, y \d+–\d+$/);
  });

  it('fails contrast when no caption is seen as light text with a dark edge, and when one measures under 4.5:1', () => {
    expect(byId(captionStandards({ timeline, band, seen: [] }), 'captions.contrast')).to.include({
      passed: false,
      measured: 'no caption seen as light text with a dark edge',
    });
    const weak = byId(
      captionStandards({ timeline, band, seen: [seen(0.5, 2), seen(3, 4.5, { contrastRatio: 3.2 })] }),
      'captions.contrast',
    );
    expect(weak).to.include({ passed: false, value: 3.2 });
  });

  it('fails font coverage for characters the caption font lacks', () => {
    const japanese = structuredClone(timeline);
    japanese.captions[1].lines = ['日本'];
    japanese.captions[1].words = [{ text: '日本', startSec: 3, endSec: 4.5 }];
    const font = byId(
      captionStandards({ timeline: japanese, band, seen: [seen(0.5, 2), seen(3, 4.5)] }),
      'captions.font-coverage',
    );
    expect(font.passed).to.equal(false);
    expect(font.measured).to.equal('Montserrat 800 lacks 日 本');
  });

  it('measures nothing without a timeline, or when the timeline has no captions', () => {
    for (const results of [captionStandards({}), captionStandards({ timeline: { ...timeline, captions: [] } })]) {
      expect(results).to.have.length(6);
      expect(results.every((result) => result.passed === null)).to.equal(true);
    }
  });
});
