import { expect } from 'chai';
import { parseEbur128Summary } from './ebur128-summary.js';

const STDERR = `size=N/A time=00:00:30.00 bitrate=N/A speed= 242x
[Parsed_ebur128_0 @ 0x44970000] Summary:

  Integrated loudness:
    I:         -14.2 LUFS
    Threshold: -24.5 LUFS

  Loudness range:
    LRA:         3.4 LU
    Threshold: -34.6 LUFS
    LRA low:   -16.4 LUFS
    LRA high:  -13.0 LUFS

  True peak:
    Peak:       -1.6 dBFS
`;

describe('parseEbur128Summary', () => {
  it('reads integrated loudness, loudness range and true peak from ffmpeg 4.1 output', () => {
    expect(parseEbur128Summary(STDERR)).to.deep.equal({
      integratedLufs: -14.2,
      loudnessRangeLu: 3.4,
      truePeakDb: -1.6,
    });
  });

  it('reads the last summary when there are several, and -inf peaks of silence', () => {
    const silent = STDERR.replace('-14.2', '-70.0').replace('-1.6 dBFS', '-inf dBFS');
    expect(parseEbur128Summary(STDERR + silent)).to.deep.equal({
      integratedLufs: -70,
      loudnessRangeLu: 3.4,
      truePeakDb: Number.NEGATIVE_INFINITY,
    });
  });

  it('leaves the true peak out when ebur128 ran without peak=true', () => {
    expect(parseEbur128Summary(STDERR.slice(0, STDERR.indexOf('  True peak')))).to.not.have.property('truePeakDb');
  });

  it('says what is missing when there is no summary', () => {
    expect(() => parseEbur128Summary('Error opening input')).to.throw(/no ebur128 summary/);
  });
});
