import { AbortedError, ProviderError } from '@looply/core';
import { expect } from 'chai';
import { looksLikeVoiceId, VoiceCatalogue } from './voice-catalogue.js';

const never = new AbortController().signal;

describe('VoiceCatalogue', () => {
  const voices = [
    { voiceId: 'JBFqnCBsd6RMkjVDRZzb', name: 'George - Warm, Captivating Storyteller' },
    { voiceId: 'pMsXgVXv3BLzUgSXRplE', name: 'Nora Narration' },
  ];

  it('tells voice ids from names', () => {
    expect(looksLikeVoiceId('JBFqnCBsd6RMkjVDRZzb')).to.equal(true);
    expect(looksLikeVoiceId('Nora Narration')).to.equal(false);
  });

  it('matches names case-insensitively, also without the premade description', async () => {
    const catalogue = new VoiceCatalogue(async () => voices);
    expect(await catalogue.idForName('nora narration', never)).to.equal('pMsXgVXv3BLzUgSXRplE');
    expect(await catalogue.idForName('GEORGE', never)).to.equal('JBFqnCBsd6RMkjVDRZzb');
  });

  it('fetches once, but fetches again after a failed attempt', async () => {
    let calls = 0;
    const catalogue = new VoiceCatalogue(async () => {
      calls += 1;
      if (calls === 1) throw new Error('network down');
      return voices;
    });
    await catalogue.list(never).catch(() => undefined);
    await catalogue.list(never);
    await catalogue.list(never);
    expect(calls).to.equal(2);
  });

  it('names an unknown voice and some available ones, as a fatal error', async () => {
    const error = (await new VoiceCatalogue(async () => voices)
      .idForName('Morgan', never)
      .catch((caught: unknown) => caught)) as ProviderError;
    expect(ProviderError.isInstance(error)).to.equal(true);
    expect(error.retryable).to.equal(false);
    expect(error.message).to.include('"Morgan"').and.include('George - Warm, Captivating Storyteller, Nora Narration');
  });

  it('lets one caller give up waiting without failing the shared fetch', async () => {
    let release!: (value: typeof voices) => void;
    const catalogue = new VoiceCatalogue(() => new Promise((resolve) => (release = resolve)));
    const controller = new AbortController();
    const impatient = catalogue.list(controller.signal);
    const patient = catalogue.list(never);
    controller.abort();
    expect(await impatient.catch((caught: unknown) => caught)).to.be.instanceOf(AbortedError);
    release(voices);
    expect(await patient).to.deep.equal(voices);
  });
});
