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
    expect(options.brief).to.include({ topic: 'solar power', durationSec: 30, aspectRatio: '9:16', style: 'modern', language: 'en', tone: 'informative' });
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
    expect(options.brief).to.deep.include({ topic: 'tides', tone: 'enthusiastic', durationSec: 10, aspectRatio: '16:9', style: 'retro', language: 'fr-CA', voice: 'alloy' });
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

  it('rejects --concurrency outside 1-16', async () => {
    expect((await usageError({ topic: 'x', concurrency: '0' })).option).to.equal('--concurrency');
    expect((await usageError({ topic: 'x', concurrency: '17' })).option).to.equal('--concurrency');
  });
});
