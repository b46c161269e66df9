import { expect } from 'chai';
import { motifsFromPrompt } from './prompt-motifs.js';

describe('motifsFromPrompt', () => {
  it('draws a sun for solar prompts and panels for photovoltaic ones', () => {
    expect(motifsFromPrompt('A field of solar panels glinting under a bright sun, slow dolly in')).to.deep.equal({
      sky: 'sun',
      ground: 'panels',
    });
  });

  it('finds water, cities, forests, mountains and turbines', () => {
    expect(motifsFromPrompt('Waves rolling onto a quiet beach').ground).to.equal('waves');
    expect(motifsFromPrompt('Aerial view of a city skyline').ground).to.equal('skyline');
    expect(motifsFromPrompt('Morning mist in a pine forest').ground).to.equal('trees');
    expect(motifsFromPrompt('Snowy mountains at dawn')).to.deep.equal({ sky: 'sun', ground: 'mountains' });
    expect(motifsFromPrompt('Wind turbines turning slowly').ground).to.equal('turbines');
  });

  it('prefers the earliest sky word, as prompts name their subject first', () => {
    expect(motifsFromPrompt('A starry night sky over a sunny field of memories').sky).to.equal('night');
  });

  it('lets generic hills give way to a more specific ground motif', () => {
    expect(motifsFromPrompt('Green hills dotted with wind turbines').ground).to.equal('turbines');
    expect(motifsFromPrompt('Green hills under clouds')).to.deep.equal({ sky: 'clouds', ground: 'hills' });
  });

  it('matches plurals and a few French words', () => {
    expect(motifsFromPrompt('Des éoliennes dans la campagne').ground).to.equal('turbines');
    expect(motifsFromPrompt('La mer au coucher du soleil')).to.deep.equal({ sky: 'sun', ground: 'waves' });
  });

  it('asks for no motif when the prompt names none (abstract composition)', () => {
    expect(motifsFromPrompt('A collage of ideas in a bright contemporary space')).to.deep.equal({});
  });
});
