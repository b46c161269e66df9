import { expect } from 'chai';
import { toWanFrameCount, wanClipFormat } from './wan-models.js';

describe('wanClipFormat', () => {
  const portrait = { width: 1080, height: 1920, fps: 30 };
  const landscape = { width: 1920, height: 1080, fps: 30 };
  const square = { width: 1080, height: 1080, fps: 30 };

  it('gives TI2V-5B 704x1280 for portrait and 1280x704 for landscape, 121 frames at 24 fps', () => {
    expect(wanClipFormat('ti2v-5b', portrait)).to.deep.equal({
      model: 'ti2v-5b',
      width: 704,
      height: 1280,
      frames: 121,
      fps: 24,
    });
    expect(wanClipFormat('ti2v-5b', landscape)).to.include({ width: 1280, height: 704 });
  });

  it('gives T2V-A14B 480x832 (480p) or 720x1280 (720p) for portrait, 81 frames at 16 fps', () => {
    expect(wanClipFormat('t2v-a14b', portrait)).to.deep.equal({
      model: 't2v-a14b',
      width: 480,
      height: 832,
      frames: 81,
      fps: 16,
    });
    expect(wanClipFormat('t2v-a14b', landscape, { a14bResolution: '720p' })).to.include({ width: 1280, height: 720 });
  });

  it('squares the short side for square outputs', () => {
    expect(wanClipFormat('ti2v-5b', square)).to.include({ width: 704, height: 704 });
    expect(wanClipFormat('t2v-a14b', square, { a14bResolution: '720p' })).to.include({ width: 720, height: 720 });
  });

  it('rounds a requested frame count to the form 4n+1', () => {
    expect(wanClipFormat('t2v-a14b', portrait, { frames: 100 }).frames).to.equal(101);
    for (const frames of [5, 6, 48, 49, 50, 120, 121, 122])
      expect((toWanFrameCount(frames) - 1) % 4, `frames ${frames}`).to.equal(0);
    expect(toWanFrameCount(1)).to.equal(5);
  });
});
