import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { UsageError } from '../usage-error.js';
import { parseGenerateOptions } from './generate-options.js';
import { runCliProcess } from '../__fixtures__/run-cli-process.js';

const FILE_TEMPLATE = {
  name: 'two-tips',
  structure: {
    hook: 'Say what the viewer will learn',
    points: { count: 2, label: 'tip', numbering: 'ascending' },
    callToAction: 'Ask them to try it',
  },
  presets: { durationSec: 12, style: 'retro' },
};

describe('looply generate --template', () => {
  let folder: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'looply-template-option-test-'));
    await writeFile(join(folder, 'two-tips.json'), JSON.stringify(FILE_TEMPLATE));
    await writeFile(
      join(folder, 'bad.json'),
      JSON.stringify({ ...FILE_TEMPLATE, structure: { ...FILE_TEMPLATE.structure, pacing: 'frantic' } }),
    );
  });
  after(() => rm(folder, { recursive: true, force: true }));

  async function usageError(template: string): Promise<UsageError> {
    const error = await parseGenerateOptions({ topic: 'tides', template }, folder).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(UsageError);
    expect((error as UsageError).option).to.equal('--template');
    return error as UsageError;
  }

  it('applies a built-in template by name; the other options override its presets', async () => {
    const { brief } = await parseGenerateOptions({ topic: 'tides', template: 'listicle', aspect: '1:1' }, folder);
    expect(brief).to.include({ tone: 'enthusiastic', durationSec: 40, style: 'playful', aspectRatio: '1:1' });
    expect(brief.template?.name).to.equal('listicle');
    expect(brief.template?.structure.points).to.include({ count: 5, numbering: 'countdown' });
  });

  it('reads a JSON template file relative to the working folder', async () => {
    const { brief } = await parseGenerateOptions({ topic: 'tides', template: 'two-tips.json', duration: '10' }, folder);
    expect(brief).to.include({ durationSec: 10, style: 'retro', tone: 'informative' });
    expect(brief.template).to.deep.equal({
      name: 'two-tips',
      structure: { ...FILE_TEMPLATE.structure, pacing: 'steady' },
    });
  });

  it('rejects an unknown name (listing the built-in ones), a missing file and an invalid template (naming the field)', async () => {
    expect((await usageError('nope')).message).to.contain('explainer, listicle, story, product-promo, news-recap');
    expect((await usageError('missing.json')).message).to.contain('no file at');
    expect((await usageError('bad.json')).message).to.contain('structure.pacing');
  });

  it('exits 2 with one line on stderr for a bad --template (real process)', async () => {
    const result = await runCliProcess(['generate', '--topic', 'tides', '--template', 'nope'], {
      cwd: folder,
      environment: { PATH: process.env.PATH, HOME: process.env.HOME, LOOPLY_HOME: join(folder, 'home') },
    });
    expect(result.exitCode, result.stderr).to.equal(2);
    expect(result.stderr.trim().split('\n')).to.have.length(1);
    expect(result.stderr).to.contain('--template "nope" is not allowed');
  });
});
