import { expect } from 'chai';
import { narrationLength, narrationTarget, speechRateFor, suggestedSceneCount } from './speech-rate.js';

describe('speech-rate', () => {
  it('sizes the narration to the duration with a ±35% window', () => {
    expect(narrationTarget(30, 'en')).to.deep.equal({ unit: 'words', target: 75, minimum: 48, maximum: 102 });
    expect(narrationTarget(30, 'de-AT').target).to.equal(66);
    expect(narrationTarget(10, 'ja')).to.include({ unit: 'characters', target: 70 });
  });

  it('counts words, ignoring lone punctuation, or letters for scripts without spaces', () => {
    expect(narrationLength('Hello — world, it’s 2025 !', speechRateFor('en'))).to.equal(4);
    expect(narrationLength('太陽の力、すごい！', speechRateFor('ja'))).to.equal(7);
  });

  it('suggests about one scene every five seconds', () => {
    expect(suggestedSceneCount(5).suggested).to.equal(1);
    expect(suggestedSceneCount(30)).to.deep.equal({ suggested: 6, minimum: 5, maximum: 8 });
    expect(suggestedSceneCount(180).suggested).to.equal(36);
  });
});
