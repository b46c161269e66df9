import { expect } from 'chai';
import { Ebur128LogReader } from './ebur128-log.js';

/** stderr of `ffmpeg -af ebur128=peak=true` (ffmpeg 4.1), with the throw-away summary it prints while configuring. */
const STDERR = `[Parsed_ebur128_0 @ 0x1] Summary:

  Integrated loudness:
    I:         -70.0 LUFS
    Threshold:   0.0 LUFS

  True peak:
    Peak:       -inf dBFS
Stream mapping:
  Stream #0:1 (aac) -> ebur128
[Parsed_ebur128_2 @ 0x24de08c0] t: 0.0999792  TARGET:-23 LUFS    M:-120.7 S:-120.7     I: -70.0 LUFS       LRA:   0.0 LU  FTPK: -21.0 -21.0 dBFS  TPK: -21.0 -21.0 dBFS
[Parsed_ebur128_2 @ 0x24de08c0] t: 0.499979   TARGET:-23 LUFS    M: -21.9 S:-120.7     I: -21.9 LUFS       LRA:   0.0 LU  FTPK: -21.1 -21.1 dBFS  TPK: -21.0 -21.0 dBFS
[Parsed_ebur128_2 @ 0x24de08c0] Summary:

  Integrated loudness:
    I:         -21.8 LUFS
    Threshold: -31.8 LUFS

  Loudness range:
    LRA:         0.0 LU
    Threshold: -41.8 LUFS
    LRA low:   -21.8 LUFS
    LRA high:  -21.8 LUFS

  True peak:
    Peak:      -21.0 dBFS`;

function read(text: string): Ebur128LogReader {
  const reader = new Ebur128LogReader();
  for (const line of text.split('\n')) reader.push(line);
  return reader;
}

describe('Ebur128LogReader', () => {
  it('takes the figures of the last Summary block, not the throw-away one', () => {
    expect(read(STDERR).result()).to.deep.equal({ integratedLufs: -21.8, loudnessRangeLu: 0, truePeakDb: -21 });
  });

  it('reads the momentary and short-term loudness of each 100 ms line, -120.7 as a number', () => {
    expect(read(STDERR).frames).to.deep.equal([
      { timeSec: 0.0999792, momentaryLufs: -120.7, shortTermLufs: -120.7 },
      { timeSec: 0.499979, momentaryLufs: -21.9, shortTermLufs: -120.7 },
    ]);
  });

  it('reads a silent summary as -70 LUFS and -inf true peak', () => {
    const summary = read(STDERR.split('Stream mapping:')[0]).result();
    expect(summary?.integratedLufs).to.equal(-70);
    expect(summary?.truePeakDb).to.equal(Number.NEGATIVE_INFINITY);
  });

  it('has no result when ffmpeg printed no summary', () => {
    expect(read('[Parsed_ebur128_0 @ 0x1] t: 0.1 TARGET:-23 LUFS M:-20.0 S:-20.0 I: -20.0 LUFS').result()).to.equal(
      undefined,
    );
  });
});
