import { expect } from 'chai';
import { FfmpegProgressParser, parseClockTime } from './ffmpeg-progress.js';

describe('FfmpegProgressParser', () => {
  it('reports the output time at the end of each progress block, across chunk boundaries', () => {
    const reports: Array<[number, boolean]> = [];
    const parser = new FfmpegProgressParser((seconds, finished) => reports.push([seconds, finished]));
    parser.push('frame=45\nfps=0.0\nout_time_ms=1500000\nout_time=00:00:01.5000');
    parser.push('00\nspeed=2.9x\nprogress=continue\nframe=90\nout_time=00:01:02.250000\nprogress=end\n');
    expect(reports).to.deep.equal([
      [1.5, false],
      [62.25, true],
    ]);
  });

  it('ignores lines it does not know and the N/A time ffmpeg prints before the first frame', () => {
    const reports: number[] = [];
    const parser = new FfmpegProgressParser((seconds) => reports.push(seconds));
    parser.push('garbage\nout_time=N/A\nprogress=continue\n');
    expect(reports).to.deep.equal([0]);
  });
});

describe('parseClockTime', () => {
  it('reads HH:MM:SS.micro and treats a negative time as 0', () => {
    expect(parseClockTime('01:02:03.500000')).to.equal(3723.5);
    expect(parseClockTime('-00:00:00.023220')).to.equal(0);
    expect(parseClockTime('N/A')).to.equal(undefined);
  });
});
