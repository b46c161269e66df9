import { expect } from 'chai';
import { DetectorLogReader } from './detector-log.js';

describe('DetectorLogReader', () => {
  it('reads blackdetect segments and freezedetect start/end pairs', () => {
    const reader = new DetectorLogReader();
    for (const line of [
      '[blackdetect @ 0x24dde4c0] black_start:1 black_end:2.03333 black_duration:1.03333',
      '[freezedetect @ 0x24ddf780] lavfi.freezedetect.freeze_start: 1',
      '[freezedetect @ 0x24ddf780] lavfi.freezedetect.freeze_duration: 1.03333',
      '[freezedetect @ 0x24ddf780] lavfi.freezedetect.freeze_end: 2.03333',
      'frame=  120 fps=0.0 q=-0.0 Lsize=N/A time=00:00:04.01 bitrate=N/A speed=52.2x',
    ])
      reader.push(line);
    expect(reader.black).to.deep.equal([{ startSec: 1, endSec: 2.03333 }]);
    expect(reader.frozenSegments(4)).to.deep.equal([{ startSec: 1, endSec: 2.03333 }]);
  });

  it('lets a freeze still open when the stream ends last until the end of the video', () => {
    const reader = new DetectorLogReader();
    reader.push('[freezedetect @ 0x532ef80] lavfi.freezedetect.freeze_start: 3');
    expect(reader.frozenSegments(4.5)).to.deep.equal([{ startSec: 3, endSec: 4.5 }]);
  });
});
