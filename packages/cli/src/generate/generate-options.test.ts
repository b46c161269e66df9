import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { UsageError } from '../usage-error.js';
import { parseGenerateOptions, type RawGenerateOptions } from './generate-options.js';

describe('parseGenerateOptions', () => {
  let folder: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'looply-generate-options-test-'));
  });
  after(() => rm(folder, { recursive: true, force: true }));

  async function usageError(raw: RawGenerateOptions): Promise<UsageError> {
    try {
      await parseGenerateOptions(raw, folder);
    } catch (error) {
      expect(error).to.be.instanceOf(UsageError);
      expect((error as UsageError).message).to.not.contain('\n');
      return error as UsageError;
    }
    throw new Error('expected parseGenerateOptions to reject');
  }

  it('builds a brief with the brief schema defaults', async () => {
    const options = await parseGenerateOptions({ topic: 'solar power' }, folder);
    expect(options.brief).to.include({
      topic: 'solar power',
      durationSec: 30,
      aspectRatio: '9:16',
      style: 'modern',
      language: 'en',
      tone: 'informative',
    });
    expect(options).to.include({ out: undefined, json: false, concurrency: 2 });
  });

  it('maps every option onto the brief and resolves paths against the working folder', async () => {
    await writeFile(join(folder, 'music.mp3'), 'not really audio');
    const options = await parseGenerateOptions(
      {
        topic: 'tides',
        tone: 'enthusiastic',
        duration: '10',
        aspect: '16:9',
        style: 'retro',
        language: 'fr-CA',
        voice: 'alloy',
        music: 'music.mp3',
        out: 'video.mp4',
        json: true,
        concurrency: '3',
      },
      folder,
    );
    expect(options.brief).to.deep.include({
      topic: 'tides',
      tone: 'enthusiastic',
      durationSec: 10,
      aspectRatio: '16:9',
      style: 'retro',
      language: 'fr-CA',
      voice: 'alloy',
    });
    expect(options.brief.music?.source).to.equal(join(folder, 'music.mp3'));
    expect(options).to.include({ out: join(folder, 'video.mp4'), json: true, concurrency: 3 });
  });

  for (const duration of ['0', '4', '181', '999', '10.5', 'ten', '-5']) {
    it(`rejects --duration ${duration} naming the allowed range`, async () => {
      const error = await usageError({ topic: 'x', duration });
      expect(error.option).to.equal('--duration');
      expect(error.message).to.contain('from 5 to 180');
    });
  }

  it('rejects an aspect ratio that is not offered', async () => {
    const error = await usageError({ topic: 'x', aspect: '4:3' });
    expect(error.option).to.equal('--aspect');
    expect(error.message).to.contain('"4:3"').and.to.contain('9:16, 16:9, 1:1');
  });

  it('rejects an unknown style', async () => {
    expect((await usageError({ topic: 'x', style: 'neon' })).option).to.equal('--style');
  });

  it('rejects an empty or missing topic', async () => {
    expect((await usageError({ topic: '' })).option).to.equal('--topic');
    expect((await usageError({})).option).to.equal('--topic');
  });

  it('rejects a language that is not a BCP-47 tag', async () => {
    expect((await usageError({ topic: 'x', language: 'english please' })).option).to.equal('--language');
  });

  it('rejects --out in a missing folder, or pointing at a folder', async () => {
    const missing = await usageError({ topic: 'x', out: join('nowhere', 'video.mp4') });
    expect(missing.option).to.equal('--out');
    expect(missing.message).to.contain(join(folder, 'nowhere'));
    expect((await usageError({ topic: 'x', out: '.' })).message).to.contain('is a folder');
  });

  it('rejects --music when there is no such file', async () => {
    expect((await usageError({ topic: 'x', music: 'missing.mp3' })).option).to.equal('--music');
  });

  it('takes --music auto (the default), none or a mood as generated music, anything else as a file', async () => {
    expect((await parseGenerateOptions({ topic: 'x' }, folder)).brief.music).to.deep.equal({
      mood: 'auto',
      volume: 0.2,
    });
    expect((await parseGenerateOptions({ topic: 'x', music: 'none' }, folder)).brief.music).to.equal(undefined);
    expect((await parseGenerateOptions({ topic: 'x', music: 'dramatic' }, folder)).brief.music).to.deep.equal({
      mood: 'dramatic',
      volume: 0.2,
    });
    const error = await usageError({ topic: 'x', music: 'sad' });
    expect(error.option).to.equal('--music');
    expect(error.message).to.contain('auto, none, a mood (calm, upbeat, dramatic, playful) or an audio file');
  });

  it('maps --captions and --transition onto the brief and rejects unknown ones naming the choices', async () => {
    const options = await parseGenerateOptions({ topic: 'x', captions: 'boxed', transition: 'slide' }, folder);
    expect(options.brief.captions).to.deep.equal({ preset: 'boxed' });
    expect(options.brief.transition).to.equal('slide');
    const captions = await usageError({ topic: 'x', captions: 'comic' });
    expect(captions.option).to.equal('--captions');
    expect(captions.message).to.contain('classic, pop, boxed, spotlight, bold');
    expect((await usageError({ topic: 'x', transition: 'wipe' })).option).to.equal('--transition');
  });

  it('rejects --concurrency outside 1-16', async () => {
    expect((await usageError({ topic: 'x', concurrency: '0' })).option).to.equal('--concurrency');
    expect((await usageError({ topic: 'x', concurrency: '17' })).option).to.equal('--concurrency');
  });
});
