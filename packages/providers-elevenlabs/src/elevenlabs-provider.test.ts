import { inspect } from 'node:util';
import { type LooplyError, ProviderRegistry } from '@looply/core';
import { expect } from 'chai';
import { createElevenLabs, elevenlabsPlugin } from './elevenlabs-provider.js';
import { normaliseBaseUrl } from './elevenlabs-client.js';
import { elevenLabsSettingsSchema } from './elevenlabs-options.js';

describe('createElevenLabs / elevenlabsPlugin', () => {
  it('registers one voice provider with id "elevenlabs"', () => {
    const registry = new ProviderRegistry().use(elevenlabsPlugin({ apiKey: 'key' }));
    const voice = registry.get('voice', 'elevenlabs');
    expect(voice).to.include({ specificationVersion: 'v1', kind: 'voice', provider: 'elevenlabs' });
    expect(registry.ids('script')).to.deep.equal([]);
  });

  it('needs no key to be created: the key is read at the first request', () => {
    const saved = process.env.ELEVENLABS_API_KEY;
    delete process.env.ELEVENLABS_API_KEY;
    try {
      expect(() => createElevenLabs()).to.not.throw();
    } finally {
      if (saved !== undefined) process.env.ELEVENLABS_API_KEY = saved;
    }
  });

  it('applies defaults: PCM 24 kHz, two requests at a time', () => {
    expect(elevenLabsSettingsSchema.parse({})).to.deep.equal({
      outputFormat: 'pcm_24000',
      maxConcurrency: 2,
      timeoutMs: 180_000,
    });
  });

  it('keeps the API key out of what the provider shows when logged', () => {
    const voice = createElevenLabs({ apiKey: 'sk_secret_value' }).voice();
    expect(JSON.stringify(voice)).to.not.include('sk_secret_value');
    expect(inspect(voice, { depth: 10 })).to.not.include('sk_secret_value');
  });

  it('rejects unknown settings and bad values, naming each', () => {
    const attempt = (settings: object) => {
      try {
        createElevenLabs(settings as never);
      } catch (error) {
        return error as LooplyError;
      }
      throw new Error('expected a validation error');
    };
    expect(attempt({ apikey: 'x' }).message)
      .to.include('ElevenLabs settings')
      .and.include('apikey');
    expect(attempt({ outputFormat: 'mp3_44100_128' }).message).to.include('outputFormat');
    expect(attempt({ voiceSettings: { stability: 2 } }).message).to.include('voiceSettings.stability');
    expect(attempt({ maxConcurrency: 0 }).message).to.include('maxConcurrency');
    expect(attempt({ fetch: 'not a function' }).message).to.include('fetch');
    expect(attempt({ baseURL: 'ftp://example.com' }).code).to.equal('validation');
  });

  it('takes a base URL with or without /v1 (the SDK adds it)', () => {
    expect(normaliseBaseUrl('https://api.eu.residency.elevenlabs.io/v1/')).to.equal(
      'https://api.eu.residency.elevenlabs.io',
    );
    expect(normaliseBaseUrl('http://127.0.0.1:4010')).to.equal('http://127.0.0.1:4010');
  });
});

describe('createElevenLabs().voice(modelId)', () => {
  it('gives one voice provider per model id (sharing its limits), on the settings’ model by default', () => {
    const elevenlabs = createElevenLabs({ apiKey: 'key', modelId: 'eleven_multilingual_v2' });
    expect(elevenlabs.voice()).to.equal(elevenlabs.voice());
    expect(elevenlabs.voice().modelId).to.equal('eleven_multilingual_v2');
    expect(elevenlabs.voice('eleven_flash_v2_5').modelId).to.equal('eleven_flash_v2_5');
    expect(elevenlabs.voice('eleven_flash_v2_5')).to.equal(elevenlabs.voice('eleven_flash_v2_5'));
  });
});
