import { expect } from 'chai';
import { joinSceneSpeech } from './narration-track.js';

describe('joinSceneSpeech', () => {
  it('joins scenes with a pause between them and reports each scene’s exact span', () => {
    const track = joinSceneSpeech([Int16Array.from([1, 1, 1, 1]), Int16Array.from([2, 2]), Int16Array.from([3])], 2, 1);
    expect([...track.audio.samples]).to.deep.equal([1, 1, 1, 1, 0, 0, 2, 2, 0, 0, 3]);
    expect(track.scenes).to.deep.equal([
      { startSec: 0, endSec: 2 },
      { startSec: 3, endSec: 4 },
      { startSec: 5, endSec: 5.5 },
    ]);
    expect(track.audio).to.include({ sampleRate: 2, channels: 1 });
  });

  it('starts the first scene at 0 and ends the last at the end of the audio', () => {
    const track = joinSceneSpeech([new Int16Array(3)], 3, 0.5);
    expect(track.scenes).to.deep.equal([{ startSec: 0, endSec: 1 }]);
    expect(track.audio.samples.length).to.equal(3);
  });
});
