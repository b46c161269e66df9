import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { LocalArtifactStore, ProviderError } from '@looply/core';
import { resolveMusicSource, type ResolveMusicOptions } from './resolve-music-source.js';

describe('resolveMusicSource', () => {
  let root: string;
  let artifacts: LocalArtifactStore;
  let server: Server;
  let baseUrl: string;
  const requests: string[] = [];

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'looply-music-'));
    artifacts = new LocalArtifactStore(join(root, 'store'));
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      if (request.url === '/track.mp3') {
        response.writeHead(200, { 'content-type': 'audio/mpeg' });
        response.end(Buffer.from('ID3 fake mp3 bytes'));
      } else if (request.url === '/busy') {
        response.writeHead(503);
        response.end();
      } else if (request.url === '/huge') {
        response.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': '4096' });
        response.end(Buffer.alloc(4096));
      } else if (request.url === '/huge-stream') {
        response.writeHead(200, { 'content-type': 'audio/mpeg' });
        response.write(Buffer.alloc(1000));
        response.end(Buffer.alloc(1000));
      } else {
        response.writeHead(404);
        response.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(root, { recursive: true, force: true });
  });

  function options(source: string, overrides: Partial<ResolveMusicOptions> = {}): ResolveMusicOptions {
    return {
      source,
      artifacts,
      workDirectory: root,
      provider: 'local',
      allowLocalFiles: true,
      allowUrls: false,
      fetch: globalThis.fetch,
      abortSignal: new AbortController().signal,
      maxDownloadBytes: 1024,
      downloadTimeoutMs: 5000,
      ...overrides,
    };
  }

  async function failure(promise: Promise<unknown>): Promise<ProviderError> {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(ProviderError);
    return error as ProviderError;
  }

  it('uses an artifact of the store first', async () => {
    await artifacts.put('music/bed.wav', Buffer.from('RIFF'), { contentType: 'audio/wav' });
    expect((await resolveMusicSource(options('music/bed.wav'))).file).to.equal(
      await artifacts.localPath('music/bed.wav'),
    );
  });

  it('reads a local file when local files are allowed, and refuses it otherwise', async () => {
    const file = join(root, 'song.mp3');
    await writeFile(file, 'x');
    expect((await resolveMusicSource(options(file))).file).to.equal(file);
    const error = await failure(resolveMusicSource(options(file, { allowLocalFiles: false })));
    expect(error.retryable).to.equal(false);
    expect(error.message).to.match(/local music files are off/);
  });

  it('refuses a URL with a leading space (it is not an http URL) as a local path when local files are off, reading nothing', async () => {
    // The exact music source of the reported leak: a leading space, then a path climbing out of the work folder.
    const secret = join(root, 'secret.wav');
    await writeFile(secret, 'server secret');
    for (const source of [' http://1.2.3.4/../../../../var/data/secret.wav', '../secret.wav', secret]) {
      const error = await failure(
        resolveMusicSource(
          options(source, { allowLocalFiles: false, allowUrls: true, workDirectory: join(root, 'work') }),
        ),
      );
      expect(error.retryable, source).to.equal(false);
      expect(error.message, source).to.match(/local music files are off/);
    }
  });

  it('names a source that is neither an artifact nor a file', async () => {
    const error = await failure(resolveMusicSource(options('music/missing.mp3')));
    expect(error.retryable).to.equal(false);
    expect(error.message).to.include('"music/missing.mp3" is neither an artifact in the store nor a file');
  });

  it('refuses URLs unless they are allowed, without fetching them', async () => {
    const before = requests.length;
    const error = await failure(resolveMusicSource(options(`${baseUrl}/track.mp3`)));
    expect(error.message).to.match(/music URLs are off/);
    expect(requests.length).to.equal(before);
  });

  it('downloads an allowed URL into the work folder', async () => {
    const resolved = await resolveMusicSource(options(`${baseUrl}/track.mp3`, { allowUrls: true }));
    expect(resolved.contentType).to.equal('audio/mpeg');
    expect((await readFile(resolved.file)).toString()).to.equal('ID3 fake mp3 bytes');
  });

  it('maps download failures: 5xx retryable, 404 and oversized not', async () => {
    expect((await failure(resolveMusicSource(options(`${baseUrl}/busy`, { allowUrls: true })))).retryable).to.equal(
      true,
    );
    const missing = await failure(resolveMusicSource(options(`${baseUrl}/nothing`, { allowUrls: true })));
    expect(missing.retryable).to.equal(false);
    expect(missing.statusCode).to.equal(404);
    const huge = await failure(resolveMusicSource(options(`${baseUrl}/huge`, { allowUrls: true })));
    expect(huge.retryable).to.equal(false);
    expect(huge.message).to.match(/4096 bytes, more than the 1024 bytes allowed/);
    const streamed = await failure(resolveMusicSource(options(`${baseUrl}/huge-stream`, { allowUrls: true })));
    expect(streamed.retryable).to.equal(false);
    expect(streamed.message).to.match(/more than the 1024 bytes allowed/);
  });

  it("makes a fetch's own refusal final (a server's SSRF check at download: retryable false), other fetch errors retryable", async () => {
    const refusingFetch = (async () => {
      throw Object.assign(new Error('the URL was refused: host "x.example" resolves to 10.0.0.7, a private address'), {
        retryable: false,
      });
    }) as typeof globalThis.fetch;
    const refused = await failure(
      resolveMusicSource(options('http://x.example/track.mp3', { allowUrls: true, fetch: refusingFetch })),
    );
    expect(refused.retryable).to.equal(false);
    expect(refused.message).to.equal(
      'Downloading the music from http://x.example/track.mp3 failed: the URL was refused: host "x.example" resolves to 10.0.0.7, a private address',
    );
    const brokenFetch = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof globalThis.fetch;
    const broken = await failure(
      resolveMusicSource(options('http://x.example/track.mp3', { allowUrls: true, fetch: brokenFetch })),
    );
    expect(broken.retryable).to.equal(true);
  });
});
