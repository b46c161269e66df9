import { expect } from 'chai';
import { audioDurationSec, decodeWav, encodeWav, type PcmAudio } from './wav.js';

function chunk(id: string, body: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.write(id, 0, 'ascii');
  header.writeUInt32LE(body.length, 4);
  return Buffer.concat([header, body, body.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

function formatChunk(format: number, channels: number, sampleRate: number, bits: number): Buffer {
  const body = Buffer.alloc(16);
  body.writeUInt16LE(format, 0);
  body.writeUInt16LE(channels, 2);
  body.writeUInt32LE(sampleRate, 4);
  body.writeUInt32LE((sampleRate * channels * bits) / 8, 8);
  body.writeUInt16LE((channels * bits) / 8, 12);
  body.writeUInt16LE(bits, 14);
  return chunk('fmt ', body);
}

function riff(...chunks: Buffer[]): Buffer {
  const body = Buffer.concat([Buffer.from('WAVE', 'ascii'), ...chunks]);
  const header = Buffer.alloc(8);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(body.length, 4);
  return Buffer.concat([header, body]);
}

describe('WAV codec', () => {
  const audio: PcmAudio = {
    sampleRate: 22_050,
    channels: 1,
    samples: Int16Array.from([0, 1, -1, 32_767, -32_768, 1234]),
  };

  it('round-trips 16-bit PCM through a canonical 44-byte header', () => {
    const bytes = encodeWav(audio);
    expect(bytes.length).to.equal(44 + 12);
    expect(bytes.toString('ascii', 0, 4)).to.equal('RIFF');
    expect(bytes.readUInt32LE(4)).to.equal(bytes.length - 8);
    expect(bytes.readUInt32LE(28)).to.equal(44_100);
    expect(decodeWav(bytes)).to.deep.equal(audio);
  });

  it('writes a PCM16 mono header with real sizes and the samples little-endian', () => {
    const wav = encodeWav({ sampleRate: 16_000, channels: 1, samples: Int16Array.from([0, 1000, -1000]) });
    expect(wav.toString('ascii', 8, 16)).to.equal('WAVEfmt ');
    expect(wav.readUInt16LE(20)).to.equal(1);
    expect(wav.readUInt16LE(22)).to.equal(1);
    expect(wav.readUInt32LE(24)).to.equal(16_000);
    expect(wav.readUInt16LE(34)).to.equal(16);
    expect(wav.readUInt32LE(4)).to.equal(36 + 6);
    expect(wav.readUInt32LE(40)).to.equal(6);
    expect([wav.readInt16LE(44), wav.readInt16LE(46), wav.readInt16LE(48)]).to.deep.equal([0, 1000, -1000]);
  });

  it('rejects a sample rate or channel count that is not a positive integer', () => {
    expect(() => encodeWav({ sampleRate: 0, channels: 1, samples: new Int16Array(1) })).to.throw(/sampleRate/);
    expect(() => encodeWav({ sampleRate: 8000, channels: 0, samples: new Int16Array(1) })).to.throw(/channels/);
  });

  it('skips unknown chunks (LIST, odd-sized) before the data', () => {
    const data = Buffer.from(Int16Array.from([5, -5]).buffer);
    const decoded = decodeWav(
      riff(formatChunk(1, 2, 8000, 16), chunk('LIST', Buffer.from('abc')), chunk('data', data)),
    );
    expect(decoded).to.deep.equal({ sampleRate: 8000, channels: 2, samples: Int16Array.from([5, -5]) });
  });

  it('reads streamed files whose sizes are placeholders (espeak-ng --stdout)', () => {
    const bytes = encodeWav(audio);
    bytes.writeUInt32LE(0x7ffff024, 4);
    bytes.writeUInt32LE(0x7ffff000, 40);
    expect(decodeWav(bytes).samples).to.deep.equal(audio.samples);
  });

  it('reads streamed files whose sizes are the 0xFFFFFFFF placeholder (OpenAI), up to the last whole frame', () => {
    const bytes = Buffer.concat([
      encodeWav({ sampleRate: 24_000, channels: 2, samples: Int16Array.from([1, 2, 3, 4]) }),
      Buffer.from([9, 9]),
    ]);
    bytes.writeUInt32LE(0xffffffff, 4);
    bytes.writeUInt32LE(0xffffffff, 40);
    expect(decodeWav(bytes)).to.deep.equal({ sampleRate: 24_000, channels: 2, samples: Int16Array.from([1, 2, 3, 4]) });
  });

  it('reads WAVE_FORMAT_EXTENSIBLE files whose sub-format is PCM', () => {
    const body = Buffer.alloc(40);
    body.writeUInt16LE(0xfffe, 0);
    body.writeUInt16LE(1, 2);
    body.writeUInt32LE(8000, 4);
    body.writeUInt32LE(16_000, 8);
    body.writeUInt16LE(2, 12);
    body.writeUInt16LE(16, 14);
    body.writeUInt16LE(22, 16);
    body.writeUInt16LE(1, 24);
    const decoded = decodeWav(riff(chunk('fmt ', body), chunk('data', Buffer.from(Int16Array.from([7, -7]).buffer))));
    expect(decoded).to.deep.equal({ sampleRate: 8000, channels: 1, samples: Int16Array.from([7, -7]) });
  });

  it('computes the duration from frames and rate', () => {
    expect(audioDurationSec({ sampleRate: 10, channels: 2, samples: new Int16Array(40) })).to.equal(2);
  });

  it('rejects what it cannot read, saying where and why', () => {
    expect(() => decodeWav(Buffer.from('not a wav file at all'), 'scene 3')).to.throw(/scene 3: not a RIFF\/WAVE file/);
    expect(() => decodeWav(riff(formatChunk(3, 1, 8000, 32), chunk('data', Buffer.alloc(8))))).to.throw(
      /only 16-bit PCM.*format 3 with 32 bits/,
    );
    expect(() => decodeWav(riff(chunk('data', Buffer.alloc(4))))).to.throw(/"data" chunk before "fmt "/);
    expect(() => decodeWav(riff(formatChunk(1, 1, 8000, 16)))).to.throw(/no "data" chunk/);
  });
});
