import { decodeWav } from '@looply/core';
import { expect } from 'chai';
import { fakeSpeechWav } from './fake-speech-audio.js';

describe('fakeSpeechWav', () => {
  it('writes a streamed OpenAI-style WAV whose sizes are the 0xFFFFFFFF placeholder, readable as 24 kHz mono PCM16', () => {
    const wav = fakeSpeechWav('one two three four five');
    expect(wav.readUInt32LE(40)).to.equal(0xffffffff);
    const audio = decodeWav(wav);
    expect(audio.sampleRate).to.equal(24_000);
    expect(audio.channels).to.equal(1);
    expect(audio.samples.length).to.equal((wav.length - 44) / 2);
  });
});
