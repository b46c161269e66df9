import { expect } from 'chai';
import { fixtureTimeline } from './__fixtures__/fixture-videos.js';
import { containerStandards } from './container-standards.js';
import type { ProbedVideo } from './probe-video.js';

const probe: ProbedVideo = {
  formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
  durationSec: 10.4,
  video: {
    codec: 'h264',
    profile: 'High',
    width: 1080,
    height: 1920,
    pixelFormat: 'yuv420p',
    realFrameRate: '30/1',
    averageFrameRate: '30/1',
    startSec: 0,
  },
  audio: { codec: 'aac', sampleRate: 48000, channels: 2 },
};
const boxes = [
  { type: 'ftyp', offset: 0, size: 32 },
  { type: 'moov', offset: 32, size: 100 },
  { type: 'mdat', offset: 132, size: 1000 },
];
const frameTimes = Array.from({ length: 312 }, (_, index) => index / 30);
const timeline = (narrationSec: number) => ({
  ...fixtureTimeline({ width: 1080, height: 1920, durationSec: 10.4, captions: [] }),
  narration: { startSec: 0, lengthSec: narrationSec },
});

function byId(id: string, input: Partial<Parameters<typeof containerStandards>[0]> = {}) {
  return containerStandards({ probe, frameTimes, boxes, ...input }).find((standard) => standard.id === id)!;
}

describe('containerStandards', () => {
  it('accepts a duration of the narration plus up to 0.5 s, and nothing shorter or longer', () => {
    expect(byId('container.duration', { timeline: timeline(10) })).to.include({
      passed: true,
      measured: '10.40 s (narration + 0.40 s)',
    });
    expect(byId('container.duration', { timeline: timeline(9.8) }).passed).to.equal(false);
    expect(byId('container.duration', { timeline: timeline(10.6) })).to.include({
      passed: false,
      measured: '10.40 s (0.20 s shorter than the narration)',
    });
  });

  it('fails a frame rate of 30 fps on paper whose frames are not evenly spaced', () => {
    const uneven = [...frameTimes.slice(0, 100), ...frameTimes.slice(101)];
    const frameRate = byId('container.frame-rate', { frameTimes: uneven });
    expect(frameRate.passed).to.equal(false);
    expect(frameRate.measured).to.equal('30 fps, 1 of 310 intervals irregular');
    expect(frameRate.details?.[1]).to.equal('interval of 66.7 ms after the frame at 3.300 s');
  });

  it('fails the frame size against the timeline, and does not measure it without one', () => {
    const square = { ...timeline(10), output: { width: 1080, height: 1080, fps: 30 } };
    expect(byId('container.frame-size', { timeline: square })).to.include({
      passed: false,
      measured: '1080×1920',
      limit: '1080×1080',
    });
    expect(byId('container.frame-size').passed).to.equal(null);
  });
});
