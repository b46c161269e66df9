import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalArtifactStore } from '@looply/core';
import { expect } from 'chai';
import { SynthesisCache } from './synthesis-cache.js';

describe('SynthesisCache', () => {
  let folder: string;
  let artifacts: LocalArtifactStore;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'looply-elevenlabs-cache-'));
    artifacts = new LocalArtifactStore(folder);
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  const clip = {
    pcm: Buffer.from([1, 2, 3, 4]),
    alignment: { characters: ['h', 'i'], characterStartTimesSeconds: [0, 0.1], characterEndTimesSeconds: [0.1, 0.2] },
    normalizedAlignment: null,
    characters: 2,
    requestId: 'abc',
  };

  it('reads back a clip written under the call prefix', async () => {
    const cache = new SynthesisCache(artifacts, 'jobs/1/voice/');
    const key = SynthesisCache.keyOf({ text: 'hi', voiceId: 'v' });
    expect(await cache.read(key)).to.equal(undefined);
    await cache.write(key, clip);
    expect(await cache.read(key)).to.deep.equal(clip);
    expect(await artifacts.list('jobs/1/voice')).to.deep.equal([
      `jobs/1/voice/elevenlabs-clips/${key}.json`,
      `jobs/1/voice/elevenlabs-clips/${key}.pcm`,
    ]);
  });

  it('keys on every field of the request', () => {
    expect(SynthesisCache.keyOf({ text: 'hi', voiceId: 'a' })).to.not.equal(
      SynthesisCache.keyOf({ text: 'hi', voiceId: 'b' }),
    );
    expect(SynthesisCache.keyOf({ text: 'hi', voiceId: 'a' })).to.equal(
      SynthesisCache.keyOf({ text: 'hi', voiceId: 'a' }),
    );
  });

  it('treats a damaged or half-written entry as a miss', async () => {
    const cache = new SynthesisCache(artifacts, 'jobs/1/voice');
    await artifacts.put('jobs/1/voice/elevenlabs-clips/broken.json', Buffer.from('{"characters": "many"'), {
      contentType: 'application/json',
    });
    expect(await cache.read('broken')).to.equal(undefined);
    await artifacts.put('jobs/1/voice/elevenlabs-clips/audio-only.pcm', Buffer.from([0, 0]), {
      contentType: 'application/octet-stream',
    });
    expect(await cache.read('audio-only')).to.equal(undefined);
  });
});
