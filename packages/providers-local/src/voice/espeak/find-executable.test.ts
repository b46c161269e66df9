import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { expect } from 'chai';
import { findExecutable } from './find-executable.js';

describe('findExecutable', () => {
  let folder: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'looply-find-executable-'));
    await writeFile(join(folder, 'runnable'), '#!/bin/sh\n');
    await chmod(join(folder, 'runnable'), 0o755);
    await writeFile(join(folder, 'not-runnable'), 'data');
    await chmod(join(folder, 'not-runnable'), 0o644);
  });
  after(() => rm(folder, { recursive: true, force: true }));

  it('finds an executable file in the search path', () => {
    expect(findExecutable('runnable', ['/nonexistent-folder', folder].join(delimiter))).to.equal(
      join(folder, 'runnable'),
    );
  });

  it('skips missing names and folders', () => {
    expect(findExecutable('missing', folder)).to.equal(undefined);
    expect(findExecutable('runnable', '')).to.equal(undefined);
  });

  it('skips files without an execute bit', () => {
    expect(findExecutable('not-runnable', folder)).to.equal(undefined);
  });
});
