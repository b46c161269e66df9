import { expect } from 'chai';
import { encodeWav } from './wav-encoder.js';
import { readWavDuration } from './read-wav-duration.js';

describe('encodeWav', () => {
  it('writes a PCM16 mono RIFF/WAVE header and the samples little-endian', () => {
    const wav = encodeWav(Int16Array.from([0, 1000, -1000]), 16000);
    expect(wav.toString('ascii', 0, 4)).to.equal('RIFF');
    expect(wav.readUInt32LE(4)).to.equal(wav.length - 8);
    expect(wav.toString('ascii', 8, 16)).to.equal('WAVEfmt ');
    expect(wav.readUInt16LE(20)).to.equal(1);
    expect(wav.readUInt16LE(22)).to.equal(1);
    expect(wav.readUInt32LE(24)).to.equal(16000);
    expect(wav.readUInt16LE(34)).to.equal(16);
    expect(wav.readUInt32LE(40)).to.equal(6);
    expect([wav.readInt16LE(44), wav.readInt16LE(46), wav.readInt16LE(48)]).to.deep.equal([0, 1000, -1000]);
  });

  it('rejects a sample rate that is not a positive integer', () => {
    expect(() => encodeWav(new Int16Array(1), 0)).to.throw(/sampleRate/);
  });
});

describe('readWavDuration', () => {
  it('reads the duration from the byte rate and the data size', () => {
    expect(readWavDuration(encodeWav(new Int16Array(24000), 16000))).to.equal(1.5);
  });

  it('skips chunks placed between fmt and data', () => {
    const wav = encodeWav(new Int16Array(8000), 8000);
    const list = Buffer.concat([Buffer.from('LIST'), Buffer.from([4, 0, 0, 0]), Buffer.from('INFO')]);
    const withList = Buffer.concat([wav.subarray(0, 36), list, wav.subarray(36)]);
    withList.writeUInt32LE(withList.length - 8, 4);
    expect(readWavDuration(withList)).to.equal(1);
  });

  it('uses the bytes present when a streamed WAV declares an unknown data size', () => {
    const wav = encodeWav(new Int16Array(16000), 16000);
    wav.writeUInt32LE(0xffffffff, 40);
    expect(readWavDuration(wav)).to.equal(1);
  });

  it('returns null for bytes that are not a WAV', () => {
    expect(readWavDuration(Buffer.from('ID3 this is an mp3 file header'))).to.equal(null);
  });
});
