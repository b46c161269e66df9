import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { EspeakVoiceCatalogue } from './espeak-voice-catalogue.js';

// Captured from the espeak-ng WebAssembly build (`--voices`, `--voices=variant`).
const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const catalogue = EspeakVoiceCatalogue.parse(fixture('espeak-ng-voices.txt'), fixture('espeak-ng-variants.txt'));

describe('EspeakVoiceCatalogue', () => {
  it('reads every voice row, skipping the header', () => {
    expect(catalogue.size).to.be.greaterThan(130);
    expect(catalogue.resolve('Language')).to.equal(undefined);
  });

  it('resolves language codes, voice names and voice files, case-insensitively', () => {
    expect(catalogue.resolve('en-GB')).to.equal('en-gb');
    expect(catalogue.resolve('English_(America)')).to.equal('en-us');
    expect(catalogue.resolve('English (America)')).to.equal('en-us');
    expect(catalogue.resolve('gmw/en-US')).to.equal('en-us');
    expect(catalogue.resolve('fr-fr')).to.equal('fr-fr');
  });

  it('accepts the secondary language codes espeak-ng lists in parentheses', () => {
    expect(catalogue.resolve('zh')).to.equal('zh');
    expect(catalogue.resolve('pt-pt')).to.equal('pt-pt');
  });

  it('resolves variants by file or name and keeps their file spelling', () => {
    expect(catalogue.resolve('en+f3')).to.equal('en+f3');
    expect(catalogue.resolve('en-us+female3')).to.equal('en-us+f3');
    expect(catalogue.resolve('fr-fr+annie')).to.equal('fr-fr+Annie');
  });

  it('says when a voice or variant does not exist', () => {
    expect(catalogue.resolve('xx-nope')).to.equal(undefined);
    expect(catalogue.resolve('en+nope')).to.equal(undefined);
    expect(catalogue.resolve('en+f3+m3')).to.equal(undefined);
    expect(catalogue.resolve('')).to.equal(undefined);
    expect(catalogue.resolve('alloy')).to.equal(undefined);
  });

  it('picks the voice for a language: en → en-us, fr and fr-CA → fr-fr, regional tags when espeak-ng has them', () => {
    expect(catalogue.voiceForLanguage('en')).to.equal('en-us');
    expect(catalogue.voiceForLanguage('en-GB')).to.equal('en-gb');
    expect(catalogue.voiceForLanguage('fr')).to.equal('fr-fr');
    expect(catalogue.voiceForLanguage('fr-CA')).to.equal('fr-fr');
    expect(catalogue.voiceForLanguage('fr-BE')).to.equal('fr-be');
    expect(catalogue.voiceForLanguage('pt-BR')).to.equal('pt-br');
    expect(catalogue.voiceForLanguage('de-AT')).to.equal('de');
    expect(catalogue.voiceForLanguage('zh-CN')).to.equal('cmn');
    expect(catalogue.voiceForLanguage('xx')).to.equal(undefined);
  });
});
