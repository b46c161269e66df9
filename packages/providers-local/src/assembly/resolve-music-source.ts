import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AbortedError, ProviderError, type ArtifactStore } from '@looply/core';

export interface ResolveMusicOptions {
  /** `Timeline.music.source`: an artifact key, a local file path or an http(s) URL. */
  source: string;
  artifacts: ArtifactStore;
  workDirectory: string;
  provider: string;
  allowLocalFiles: boolean;
  allowUrls: boolean;
  fetch: typeof globalThis.fetch;
  abortSignal: AbortSignal;
  /** Largest download accepted, in bytes. */
  maxDownloadBytes: number;
  downloadTimeoutMs: number;
}

/** A local file holding the music: the artifact, the allowed local file, or a bounded download. */
export async function resolveMusicSource(
  options: ResolveMusicOptions,
): Promise<{ file: string; contentType?: string }> {
  const { source, provider } = options;
  if (await isArtifact(options.artifacts, source)) return { file: await options.artifacts.localPath(source) };
  if (/^https?:\/\//i.test(source)) {
    if (!options.allowUrls) {
      throw new ProviderError({
        provider,
        retryable: false,
        message: `Music source ${source} is a URL, and music URLs are off: store the track as an artifact, or set allowMusicUrls.`,
      });
    }
    return download(options);
  }
  if (!options.allowLocalFiles) {
    throw new ProviderError({
      provider,
      retryable: false,
      message: `Music source ${JSON.stringify(source)} is not an artifact in the store, and local music files are off (allowLocalMusicFiles).`,
    });
  }
  const path = isAbsolute(source) ? source : resolve(source);
  const found = await stat(path).catch(() => undefined);
  if (!found?.isFile()) {
    throw new ProviderError({
      provider,
      retryable: false,
      message: `Music source ${JSON.stringify(source)} is neither an artifact in the store nor a file at ${path}.`,
    });
  }
  return { file: path };
}

async function isArtifact(artifacts: ArtifactStore, key: string): Promise<boolean> {
  try {
    return await artifacts.exists(key);
  } catch {
    // Not a valid key (an absolute path, a URL): not an artifact.
    return false;
  }
}

async function download(options: ResolveMusicOptions): Promise<{ file: string; contentType?: string }> {
  const { provider, source } = options;
  const timeout = AbortSignal.timeout(options.downloadTimeoutMs);
  const signal = AbortSignal.any([options.abortSignal, timeout]);
  let response: Response;
  try {
    response = await options.fetch(source, { signal, redirect: 'error' });
  } catch (error) {
    if (options.abortSignal.aborted) throw new AbortedError('Aborted while downloading the music');
    const timedOut = timeout.aborted;
    // A fetch that refuses the URL itself (a server's SSRF policy) says so with `retryable: false`: final.
    const refused = (error as { retryable?: unknown } | null)?.retryable === false;
    throw new ProviderError({
      provider,
      retryable: !refused,
      message: `Downloading the music from ${source} failed: ${timedOut ? 'timed out' : error instanceof Error ? error.message : String(error)}`,
      cause: error,
    });
  }
  if (!response.ok || !response.body) {
    throw new ProviderError({
      provider,
      retryable: response.status === 429 || response.status >= 500,
      statusCode: response.status,
      message: `Downloading the music from ${source} failed with HTTP ${response.status}`,
    });
  }
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > options.maxDownloadBytes) {
    throw new ProviderError({
      provider,
      retryable: false,
      message: `The music at ${source} is ${declared} bytes, more than the ${options.maxDownloadBytes} bytes allowed`,
    });
  }
  const file = join(options.workDirectory, 'music-download');
  let received = 0;
  const limited = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>).on(
    'data',
    (chunk: Buffer) => {
      received += chunk.length;
      if (received > options.maxDownloadBytes)
        limited.destroy(new Error(`the file is more than the ${options.maxDownloadBytes} bytes allowed`));
    },
  );
  try {
    await pipeline(limited, createWriteStream(file), { signal });
  } catch (error) {
    if (options.abortSignal.aborted) throw new AbortedError('Aborted while downloading the music');
    throw new ProviderError({
      provider,
      retryable: false,
      message: `Downloading the music from ${source} failed: ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    });
  }
  return { file, contentType: response.headers.get('content-type') ?? undefined };
}
