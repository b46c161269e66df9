import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalArtifactStore } from './local-artifact-store.js';

describe('LocalArtifactStore', () => {
  let root: string;
  let store: LocalArtifactStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'looply-artifacts-'));
    store = new LocalArtifactStore(root);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('stores bytes and streams under a key and reads them back', async () => {
    const ref = await store.put('jobs/a/voice/narration.wav', Buffer.from('RIFF'), { contentType: 'audio/wav' });
    expect(ref).to.deep.equal({ key: 'jobs/a/voice/narration.wav', contentType: 'audio/wav', bytes: 4 });
    expect((await store.get(ref.key)).toString()).to.equal('RIFF');
    await store.put('jobs/a/notes.txt', Readable.from([Buffer.from('he'), Buffer.from('llo')]), { contentType: 'text/plain' });
    expect((await store.get('jobs/a/notes.txt')).toString()).to.equal('hello');
    expect(await store.localPath('jobs/a/notes.txt')).to.equal(join(root, 'jobs', 'a', 'notes.txt'));
  });

  it('lists keys under a prefix and deletes a prefix', async () => {
    await store.put('jobs/a/1.bin', Buffer.alloc(1), { contentType: 'application/octet-stream' });
    await store.put('jobs/a/sub/2.bin', Buffer.alloc(2), { contentType: 'application/octet-stream' });
    await store.put('jobs/b/3.bin', Buffer.alloc(3), { contentType: 'application/octet-stream' });
    expect(await store.list('jobs/a')).to.deep.equal(['jobs/a/1.bin', 'jobs/a/sub/2.bin']);
    await store.deletePrefix('jobs/a/');
    expect(await store.exists('jobs/a/1.bin')).to.equal(false);
    expect(await store.exists('jobs/b/3.bin')).to.equal(true);
  });

  it('refuses keys that would escape its folder', async () => {
    for (const key of ['../etc/passwd', '/abs/path', 'a/../../b', 'a//b', 'a\\b']) {
      let error: unknown;
      try {
        await store.put(key, Buffer.alloc(1), { contentType: 'x/y' });
      } catch (caught) {
        error = caught;
      }
      expect(error, key).to.be.instanceOf(Error).with.property('message').that.includes('Invalid artifact key');
    }
  });

  it('reports a missing artifact as an error rather than an empty buffer', async () => {
    let error: unknown;
    try {
      await store.get('jobs/none.bin');
    } catch (caught) {
      error = caught;
    }
    expect(error).to.have.property('code', 'ENOENT');
  });
});
