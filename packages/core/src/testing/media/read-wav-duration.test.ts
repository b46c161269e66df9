import { expect } from 'chai';
import { encodeWav } from '../../audio/wav.js';
import { readWavDuration } from './read-wav-duration.js';

function monoWav(sampleCount: number, sampleRate: number): Buffer {
  return encodeWav({ sampleRate, channels: 1, samples: new Int16Array(sampleCount) });
}

describe('readWavDuration', () => {
  it('reads the duration from the byte rate and the data size', () => {
    expect(readWavDuration(monoWav(24000, 16000))).to.equal(1.5);
  });

  it('skips chunks placed between fmt and data', () => {
    const wav = monoWav(8000, 8000);
    const list = Buffer.concat([Buffer.from('LIST'), Buffer.from([4, 0, 0, 0]), Buffer.from('INFO')]);
    const withList = Buffer.concat([wav.subarray(0, 36), list, wav.subarray(36)]);
    withList.writeUInt32LE(withList.length - 8, 4);
    expect(readWavDuration(withList)).to.equal(1);
  });

  it('uses the bytes present when a streamed WAV declares an unknown data size', () => {
    const wav = monoWav(16000, 16000);
    wav.writeUInt32LE(0xffffffff, 40);
    expect(readWavDuration(wav)).to.equal(1);
  });

  it('returns null for bytes that are not a WAV', () => {
    expect(readWavDuration(Buffer.from('ID3 this is an mp3 file header'))).to.equal(null);
  });
});
