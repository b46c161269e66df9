import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expect } from 'chai';
import { catalogueFonts } from './catalogue-fonts.js';
import { fontsDirectory } from './fonts-directory.js';
import { resolveFontFile } from './resolve-font-file.js';

describe('fontsDirectory', () => {
  let work: string;
  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'looply-fonts-test-'));
  });
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('fills a folder with exactly the catalogue TTFs, byte-for-byte', async () => {
    const folder = await fontsDirectory({ directory: join(work, 'fonts') });
    const expected = catalogueFonts().map((font) => resolveFontFile(font));
    expect((await readdir(folder)).sort()).to.deep.equal(expected.map((file) => basename(file)).sort());
    for (const file of expected)
      expect((await stat(join(folder, basename(file)))).size).to.equal((await stat(file)).size);
  });

  it('can be called again, concurrently, and leaves no partial files', async () => {
    const directory = join(work, 'fonts');
    await Promise.all([fontsDirectory({ directory }), fontsDirectory({ directory }), fontsDirectory({ directory })]);
    const files = await readdir(directory);
    expect(files.filter((file) => file.endsWith('.partial'))).to.deep.equal([]);
    expect(files).to.have.length(catalogueFonts().length);
  });

  it('holds only the fonts asked for', async () => {
    const folder = await fontsDirectory({ directory: join(work, 'one'), fonts: [{ family: 'Inter', weight: 800 }] });
    expect(await readdir(folder)).to.deep.equal(['Inter_800ExtraBold.ttf']);
  });

  it('defaults to the same folder in the OS temporary directory on every call', async () => {
    const first = await fontsDirectory();
    const second = await fontsDirectory();
    expect(first).to.equal(second);
    expect(first.startsWith(tmpdir())).to.equal(true);
    expect(await readdir(first)).to.have.length(catalogueFonts().length);
  });

  it('rejects unknown options, naming them', async () => {
    let caught: unknown;
    try {
      await fontsDirectory({ folder: work } as never);
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(Error);
    expect((caught as Error).message).to.match(/fontsDirectory options.*folder/);
  });
});
