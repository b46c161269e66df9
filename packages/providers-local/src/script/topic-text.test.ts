import { expect } from 'chai';
import { capitalise, cleanTopic, shortenTopic, titleFromTopic, topicInSentence } from './topic-text.js';

describe('topic text', () => {
  it('cleans wrapping quotes, extra spaces and trailing punctuation', () => {
    expect(cleanTopic('  "Solar   power!"  ')).to.equal('Solar power');
    expect(cleanTopic('« les abeilles » ?')).to.equal('les abeilles');
  });

  it('capitalises lower-case starts only', () => {
    expect(capitalise('solar power')).to.equal('Solar power');
    expect(capitalise('iPhone history')).to.equal('iPhone history');
    expect(capitalise('NASA missions')).to.equal('NASA missions');
  });

  it('lower-cases a leading function word for use mid-sentence, never a name', () => {
    expect(topicInSentence('How bees make honey')).to.equal('how bees make honey');
    expect(topicInSentence('Les abeilles')).to.equal('les abeilles');
    expect(topicInSentence('L’intelligence artificielle')).to.equal('l’intelligence artificielle');
    expect(topicInSentence('Paris in spring')).to.equal('Paris in spring');
    expect(topicInSentence('THE BEATLES')).to.equal('THE BEATLES');
  });

  it('shortens to the first clause, or to whole words without a dangling article', () => {
    expect(shortenTopic('solar power', 3, 'en')).to.equal('solar power');
    expect(shortenTopic('jazz: a history of improvisation and freedom', 3, 'en')).to.equal('jazz');
    expect(shortenTopic('the long history of the city of Rome', 5, 'en')).to.equal('the long history');
    expect(shortenTopic('la longue histoire de la ville de Rome', 5, 'fr')).to.equal('la longue histoire');
  });

  it('builds a title of at most 200 characters', () => {
    expect(titleFromTopic('solar power')).to.equal('Solar power');
    const long = titleFromTopic('word '.repeat(80).trim());
    expect(long.length).to.be.at.most(200);
    expect(long.endsWith('…')).to.equal(true);
  });
});
