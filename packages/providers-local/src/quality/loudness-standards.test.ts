import { expect } from 'chai';
import { fixtureTimeline } from './__fixtures__/fixture-videos.js';
import type { LoudnessFrame } from './ebur128-log.js';
import { loudnessStandards } from './loudness-standards.js';

const spoken = fixtureTimeline({
  width: 1080,
  height: 1920,
  durationSec: 6,
  captions: [{ startSec: 0, endSec: 3, lines: ['one two three'] }],
});
const withMusic = (duckingDb: number) => ({ ...spoken, music: { source: 'music.wav', volume: 0.2, duckingDb } });

/** 100 ms loudness blocks: −14 LUFS while the words play (0–3 s), −30 LUFS of music after. */
const frames: LoudnessFrame[] = Array.from({ length: 60 }, (_, index) => {
  const timeSec = (index + 1) / 10;
  return { timeSec, momentaryLufs: timeSec <= 3.2 ? -14 : -30, shortTermLufs: -16 };
});

function ducking(duckingDb: number | undefined, hasAudio = true) {
  const timeline = duckingDb === undefined ? spoken : withMusic(duckingDb);
  return loudnessStandards({ hasAudio, summary: { integratedLufs: -14.3, truePeakDb: -1.4 }, frames, timeline })[2];
}

describe('loudnessStandards', () => {
  it('passes −14.3 LUFS and −1.4 dBTP, fails −15.2 LUFS and −0.8 dBTP', () => {
    const [integrated, truePeak] = loudnessStandards({
      hasAudio: true,
      summary: { integratedLufs: -14.3, truePeakDb: -1.4 },
      frames: [],
    });
    expect([integrated.passed, integrated.measured, truePeak.passed, truePeak.measured]).to.deep.equal([
      true,
      '-14.3 LUFS',
      true,
      '-1.4 dBTP',
    ]);
    const [quiet, hot] = loudnessStandards({
      hasAudio: true,
      summary: { integratedLufs: -15.2, truePeakDb: -0.8 },
      frames: [],
    });
    expect([quiet.passed, hot.passed]).to.deep.equal([false, false]);
  });

  it('judges ducking on the timeline (15 dB passes, 6 dB fails) and reports the mix levels for information', () => {
    const deep = ducking(-15);
    expect(deep).to.include({ passed: true, measured: '15.0 dB (timeline)', value: 15 });
    expect(deep.details?.[1]).to.equal(
      'mix: speech stretches -14.0 LUFS, music-only stretches -30.0 LUFS (+16.0 LU, 2.7 s of music-only)',
    );
    expect(ducking(-6)).to.include({ passed: false, value: 6 });
  });

  it('does not measure ducking without music or without a timeline', () => {
    expect(ducking(undefined)).to.include({ passed: null, measured: 'not measured: no music' });
    expect(loudnessStandards({ hasAudio: true, summary: undefined, frames: [] })[2].passed).to.equal(null);
  });

  it('fails loudness and true peak of a video without sound', () => {
    const [integrated, truePeak] = loudnessStandards({ hasAudio: false, summary: undefined, frames: [] });
    expect([integrated.measured, truePeak.measured]).to.deep.equal(['no audio stream', 'no audio stream']);
    expect([integrated.passed, truePeak.passed]).to.deep.equal([false, false]);
  });
});
