import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { resolvePackage } from './resolve-package.js';

describe('resolvePackage', () => {
  let project: string;
  beforeEach(async () => {
    project = await mkdtemp(join(tmpdir(), 'looply-resolve-package-'));
  });
  afterEach(() => rm(project, { recursive: true, force: true }));

  async function writePackage(folder: string, manifest: Record<string, unknown>) {
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'package.json'), JSON.stringify(manifest));
  }

  it('finds a package in a parent folder and takes the import target of its exports, in the order the package gives', async () => {
    await writePackage(join(project, 'node_modules', '@acme', 'looply'), {
      name: '@acme/looply',
      version: '2.0.0',
      exports: {
        '.': { types: './index.d.ts', require: './index.cjs', import: './index.mjs', default: './fallback.js' },
      },
    });
    const nested = join(project, 'videos', 'today');
    await mkdir(nested, { recursive: true });
    const resolved = await resolvePackage('@acme/looply', nested);
    expect(resolved).to.deep.equal({
      name: '@acme/looply',
      version: '2.0.0',
      entry: join(project, 'node_modules', '@acme', 'looply', 'index.mjs'),
      folder: join(project, 'node_modules', '@acme', 'looply'),
    });
  });

  it('uses main when exports has no import target, and index.js when there is neither', async () => {
    await writePackage(join(project, 'node_modules', 'cjs-only'), {
      name: 'cjs-only',
      main: 'lib/main.js',
      exports: { require: './lib/main.js' },
    });
    await writePackage(join(project, 'node_modules', 'bare'), { name: 'bare' });
    expect((await resolvePackage('cjs-only', project))?.entry).to.equal(
      join(project, 'node_modules', 'cjs-only', 'lib', 'main.js'),
    );
    expect((await resolvePackage('bare', project))?.entry).to.equal(join(project, 'node_modules', 'bare', 'index.js'));
  });

  it('resolves a relative path to a file or a package folder, and nothing for a package that is not installed', async () => {
    await writeFile(join(project, 'my-plugin.mjs'), 'export default {};');
    await writePackage(join(project, 'plugins', 'local-one'), {
      name: 'local-one',
      version: '0.0.1',
      exports: './entry.js',
    });
    expect((await resolvePackage('./my-plugin.mjs', project))?.entry).to.equal(join(project, 'my-plugin.mjs'));
    expect(await resolvePackage('./plugins/local-one', project)).to.include({
      name: 'local-one',
      version: '0.0.1',
      entry: join(project, 'plugins', 'local-one', 'entry.js'),
    });
    expect(await resolvePackage('looply-provider-nowhere', project)).to.equal(undefined);
  });
});
