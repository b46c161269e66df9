import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { artifactStorageSchema, type ArtifactStore } from '../artifacts/artifact-store.js';
import { globalTestFramework, registerTest } from './conformance/test-framework.js';

export interface ArtifactStoreContractOptions {
  /** Shown in the suite's title, e.g. `LocalArtifactStore`. */
  name: string;
  /** A store over an empty location; called once per test. */
  create(): Promise<ArtifactStore>;
  /** Frees what `create` made (folders, buckets). */
  destroy?(store: ArtifactStore): Promise<void>;
  /** Keys written for the listing and deletion test; more than one listing page exercises paging. Default 12. */
  listedKeyCount?: number;
  timeoutMs?: number;
}

async function rejection(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  assert.fail('expected a rejection');
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * The one behaviour every `ArtifactStore` owes the engine, registered as tests with the global
 * describe/it (mocha, or vitest with globals). The local store and the S3 store both run it.
 */
export function testArtifactStore(options: ArtifactStoreContractOptions): void {
  const framework = globalTestFramework('testArtifactStore');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const withStore = (
    title: string,
    body: (store: ArtifactStore, skip: (reason: string) => never) => Promise<void>,
  ): void =>
    registerTest(framework, title, timeoutMs, async (skip) => {
      const store = await options.create();
      try {
        await body(store, skip);
      } finally {
        await options.destroy?.(store);
      }
    });

  framework.describe(`${options.name} (artifact store contract)`, () => {
    withStore('stores bytes and streams under a key, reads them back and reports their size', async (store) => {
      const ref = await store.put('jobs/a/voice/narration.wav', Buffer.from('RIFF'), { contentType: 'audio/wav' });
      assert.deepEqual(ref, { key: 'jobs/a/voice/narration.wav', contentType: 'audio/wav', bytes: 4 });
      assert.equal((await store.get(ref.key)).toString(), 'RIFF');
      const streamed = await store.put('jobs/a/notes.txt', Readable.from([Buffer.from('he'), Buffer.from('llo')]), {
        contentType: 'text/plain',
      });
      assert.equal(streamed.bytes, 5);
      assert.equal((await store.get('jobs/a/notes.txt')).toString(), 'hello');
      assert.equal(await store.exists('jobs/a/notes.txt'), true);
    });

    withStore('replaces an artifact written again under the same key', async (store) => {
      await store.put('jobs/a/script.json', Buffer.from('{"v":1}'), { contentType: 'application/json' });
      await store.put('jobs/a/script.json', Buffer.from('{"v":2}'), { contentType: 'application/json' });
      assert.equal((await store.get('jobs/a/script.json')).toString(), '{"v":2}');
    });

    withStore('copies a local file in, streams it out and gives a local path holding the same bytes', async (store) => {
      const folder = await mkdtemp(join(tmpdir(), 'looply-store-contract-'));
      try {
        const bytes = randomBytes(1024 * 1024 + 17);
        await writeFile(join(folder, 'clip.mp4'), bytes);
        const ref = await store.putFile('jobs/b/clip.mp4', join(folder, 'clip.mp4'), { contentType: 'video/mp4' });
        assert.equal(ref.bytes, bytes.length);
        assert.ok(
          (await readAll(await store.createReadStream('jobs/b/clip.mp4'))).equals(bytes),
          'streamed bytes differ',
        );
        assert.ok((await readFile(await store.localPath('jobs/b/clip.mp4'))).equals(bytes), 'local copy differs');
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    });

    withStore('lists keys under a prefix (sorted) and deletes exactly that prefix', async (store) => {
      const count = options.listedKeyCount ?? 12;
      const keys = Array.from(
        { length: count },
        (_, index) => `jobs/a/${index % 2 ? 'sub/' : ''}${String(index).padStart(3, '0')}.bin`,
      );
      for (const key of keys) await store.put(key, Buffer.alloc(3), { contentType: 'application/octet-stream' });
      await store.put('jobs/ab/other.bin', Buffer.alloc(1), { contentType: 'application/octet-stream' });
      await store.put('jobs/b/kept.bin', Buffer.alloc(1), { contentType: 'application/octet-stream' });
      assert.deepEqual(await store.list('jobs/a'), [...keys].sort());
      await store.deletePrefix('jobs/a/');
      assert.deepEqual(await store.list('jobs/a'), []);
      assert.equal(await store.exists(keys[0]), false);
      assert.equal(await store.exists('jobs/ab/other.bin'), true);
      assert.equal(await store.exists('jobs/b/kept.bin'), true);
    });

    withStore('refuses keys that could escape the store', async (store) => {
      for (const key of ['../etc/passwd', '/abs/path', 'a/../../b', 'a//b', 'a\\b']) {
        const error = await rejection(() => store.put(key, Buffer.alloc(1), { contentType: 'x/y' }));
        assert.ok(
          error instanceof Error && error.message.includes('Invalid artifact key'),
          `key ${key}: ${String(error)}`,
        );
      }
    });

    withStore('reports a missing artifact as an ENOENT error, never as empty bytes', async (store) => {
      assert.equal(await store.exists('jobs/none.bin'), false);
      for (const read of [
        () => store.get('jobs/none.bin'),
        () => store.createReadStream('jobs/none.bin'),
        () => store.localPath('jobs/none.bin'),
      ]) {
        assert.equal(((await rejection(read)) as { code?: string }).code, 'ENOENT');
      }
    });

    withStore('describes where it keeps artifacts', async (store, skip) => {
      if (!store.describe) skip('the store has no describe()');
      artifactStorageSchema.parse(store.describe!());
    });

    withStore(
      'signs GET URLs that serve the bytes (with Range) and stop working after their time to live',
      async (store, skip) => {
        if (!store.signedUrl) skip('the store cannot sign URLs');
        await store.put('jobs/c/still.png', Buffer.from('0123456789'), { contentType: 'image/png' });
        const url = await store.signedUrl!('jobs/c/still.png', 1);
        const whole = await fetch(url);
        assert.equal(whole.status, 200);
        assert.equal(await whole.text(), '0123456789');
        const part = await fetch(url, { headers: { Range: 'bytes=2-5' } });
        assert.equal(part.status, 206);
        assert.equal(await part.text(), '2345');
        await new Promise((resolve) => setTimeout(resolve, 2100));
        const expired = await fetch(url);
        assert.equal(expired.status, 403, 'an expired URL must be refused');
      },
    );
  });
}
