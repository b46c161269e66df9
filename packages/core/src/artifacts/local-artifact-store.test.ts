import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testArtifactStore } from '../testing/artifact-store-contract.js';
import { LocalArtifactStore } from './local-artifact-store.js';

testArtifactStore({
  name: 'LocalArtifactStore',
  create: async () => new LocalArtifactStore(await mkdtemp(join(tmpdir(), 'looply-artifacts-'))),
  destroy: (store) => rm((store as LocalArtifactStore).root, { recursive: true, force: true }),
});

describe('LocalArtifactStore', () => {
  let root: string;
  let store: LocalArtifactStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'looply-artifacts-'));
    store = new LocalArtifactStore(root);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('gives its own file as the local path (no copy)', async () => {
    await store.put('jobs/a/notes.txt', Buffer.from('hello'), { contentType: 'text/plain' });
    expect(await store.localPath('jobs/a/notes.txt')).to.equal(join(root, 'jobs', 'a', 'notes.txt'));
  });

  it('describes itself as local storage', () => {
    expect(store.describe()).to.deep.equal({ provider: 'local' });
  });
});
