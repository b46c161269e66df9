import { expect } from 'chai';
import { pcmDurationSec, pcmToWav, readWavInfo } from './pcm-audio.js';

describe('pcm audio', () => {
  it('measures PCM16 mono duration from the byte count', () => {
    expect(pcmDurationSec(48_000, 24_000)).to.equal(1);
    expect(pcmDurationSec(48_001, 24_000)).to.equal(1);
  });

  it('wraps PCM into a WAV whose header states the rate, format and exact length', () => {
    const pcm = Buffer.alloc(22_050 * 2 * 3);
    pcm.writeInt16LE(1234, 10);
    const wav = pcmToWav(pcm, 22_050);
    expect(wav.length).to.equal(44 + pcm.length);
    expect(wav.toString('ascii', 0, 4)).to.equal('RIFF');
    expect(wav.readUInt32LE(4)).to.equal(36 + pcm.length);
    expect(readWavInfo(wav)).to.deep.equal({
      sampleRate: 22_050,
      channels: 1,
      bitsPerSample: 16,
      dataBytes: pcm.length,
      durationSec: 3,
    });
    expect(wav.readInt16LE(44 + 10)).to.equal(1234);
  });

  it('drops a dangling odd byte instead of writing half a sample', () => {
    expect(readWavInfo(pcmToWav(Buffer.alloc(5), 8_000)).dataBytes).to.equal(4);
  });

  it('rejects bytes that are not a WAV file', () => {
    expect(() => readWavInfo(Buffer.from('ID3 not a wav file at all, really not one'))).to.throw(/RIFF/);
  });
});
