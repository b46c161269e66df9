import { expect } from 'chai';
import { concatenatePcm, durationSecOf, encodeWav, parseWav } from './wav-audio.js';
import { fakeSpeechWav } from './testing/fake-speech-audio.js';

describe('wav-audio', () => {
  it('reads a streamed OpenAI-style WAV whose sizes are the 0xFFFFFFFF placeholder', () => {
    const wav = fakeSpeechWav('one two three four five');
    expect(wav.readUInt32LE(40)).to.equal(0xffffffff);
    const audio = parseWav(wav);
    expect(audio.sampleRate).to.equal(24_000);
    expect(audio.channels).to.equal(1);
    expect(audio.samples.length).to.equal((wav.length - 44) / 2);
  });

  it('round-trips through encodeWav with real sizes', () => {
    const samples = Int16Array.from([0, 1000, -1000, 32767, -32768]);
    const wav = encodeWav({ sampleRate: 16_000, channels: 1, samples });
    expect(wav.readUInt32LE(4)).to.equal(36 + 10);
    expect(wav.readUInt32LE(40)).to.equal(10);
    expect(Array.from(parseWav(wav).samples)).to.deep.equal(Array.from(samples));
  });

  it('skips chunks before data (LIST) and honours word alignment', () => {
    const plain = encodeWav({ sampleRate: 8000, channels: 1, samples: Int16Array.from([5, 6]) });
    const list = Buffer.concat([Buffer.from('LIST'), Buffer.from([3, 0, 0, 0]), Buffer.from('abc'), Buffer.alloc(1)]);
    const withList = Buffer.concat([plain.subarray(0, 36), list, plain.subarray(36)]);
    expect(Array.from(parseWav(withList).samples)).to.deep.equal([5, 6]);
  });

  it('rejects what is not 16-bit PCM WAV, saying where', () => {
    expect(() => parseWav(Buffer.from('ID3 not a wav file at all'), 'scene 3')).to.throw(/scene 3: not a RIFF\/WAVE file/);
    const float = encodeWav({ sampleRate: 8000, channels: 1, samples: Int16Array.from([1]) });
    float.writeUInt16LE(32, 34);
    expect(() => parseWav(float)).to.throw(/only 16-bit PCM/);
  });

  it('joins clips with pauses and measures the duration exactly', () => {
    const clip = { sampleRate: 1000, channels: 1, samples: new Int16Array(500).fill(100) };
    const joined = concatenatePcm([clip, clip, clip], 0.25);
    expect(durationSecOf(joined)).to.equal(0.5 * 3 + 0.25 * 2);
    expect(joined.samples[600]).to.equal(0);
    expect(joined.samples[750]).to.equal(100);
    expect(() => concatenatePcm([clip, { ...clip, sampleRate: 2000 }], 0)).to.throw(/clip 1 is 2000 Hz/);
  });
});
