import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface CachedFile {
  path: string;
  /** The object's ETag when downloaded: a different ETag means the key was written again. */
  etag: string;
  bytes: number;
  lastUsedAt: number;
}

/** Files handed out this recently are never evicted: a tool (ffmpeg) may be about to open them. */
const DEFAULT_MINIMUM_AGE_MS = 10 * 60_000;

/** Cache folders of this process, removed by one exit handler. */
const foldersToRemove = new Set<string>();
let exitHandlerAdded = false;

function removeAtExit(folder: string): void {
  foldersToRemove.add(folder);
  if (exitHandlerAdded) return;
  exitHandlerAdded = true;
  process.once('exit', () => {
    for (const each of foldersToRemove) rmSync(each, { recursive: true, force: true });
  });
}

/**
 * The per-process folder behind `localPath`: downloads once per object version, bounded in size
 * (least recently used files go first), removed when the process exits.
 */
export class DownloadCache {
  private readonly files = new Map<string, CachedFile>();
  private readonly downloads = new Map<string, Promise<string>>();
  private totalBytes = 0;
  readonly folder: string;

  constructor(
    private readonly maxBytes: number,
    folder?: string,
    private readonly minimumAgeMs = DEFAULT_MINIMUM_AGE_MS,
  ) {
    this.folder = folder ?? join(tmpdir(), `looply-s3-cache-${process.pid}-${randomBytes(4).toString('hex')}`);
    removeAtExit(this.folder);
  }

  /** The cached file of `key` at version `etag`, downloading it with `download(path)` when absent or stale. */
  async pathOf(key: string, etag: string, download: (path: string) => Promise<void>): Promise<string> {
    const cached = this.files.get(key);
    if (cached && cached.etag === etag) {
      cached.lastUsedAt = Date.now();
      return cached.path;
    }
    const pendingKey = `${key}\0${etag}`;
    let pending = this.downloads.get(pendingKey);
    if (!pending) {
      pending = this.fetch(key, etag, download).finally(() => this.downloads.delete(pendingKey));
      this.downloads.set(pendingKey, pending);
    }
    return pending;
  }

  private async fetch(key: string, etag: string, download: (path: string) => Promise<void>): Promise<string> {
    await mkdir(this.folder, { recursive: true });
    const name = createHash('sha256').update(`${key}\0${etag}`).digest('hex').slice(0, 32);
    const extension = /\.[A-Za-z0-9]{1,8}$/.exec(key)?.[0] ?? '';
    const path = join(this.folder, `${name}${extension}`);
    // Download beside the final name and rename, so a reader never sees a half-written file.
    const partial = `${path}.${randomBytes(4).toString('hex')}.partial`;
    try {
      await download(partial);
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    const { size } = await stat(path);
    const previous = this.files.get(key);
    if (previous) await this.forget(key, previous);
    this.files.set(key, { path, etag, bytes: size, lastUsedAt: Date.now() });
    this.totalBytes += size;
    await this.evict(key);
    return path;
  }

  private async forget(key: string, file: CachedFile): Promise<void> {
    this.files.delete(key);
    this.totalBytes -= file.bytes;
    await rm(file.path, { force: true });
  }

  /** Removes least recently used files (never `keep`, never recently handed out) until under the bound. */
  private async evict(keep: string): Promise<void> {
    if (this.totalBytes <= this.maxBytes) return;
    const now = Date.now();
    const candidates = [...this.files.entries()]
      .filter(([key, file]) => key !== keep && now - file.lastUsedAt >= this.minimumAgeMs)
      .sort((a, b) => a[1].lastUsedAt - b[1].lastUsedAt);
    for (const [key, file] of candidates) {
      if (this.totalBytes <= this.maxBytes) break;
      await this.forget(key, file);
    }
  }

  /** Bytes held now. */
  get size(): number {
    return this.totalBytes;
  }

  /** Deletes every cached file (the store's `close`). */
  async clear(): Promise<void> {
    this.files.clear();
    this.totalBytes = 0;
    foldersToRemove.delete(this.folder);
    await rm(this.folder, { recursive: true, force: true });
  }
}
