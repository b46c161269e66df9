import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ArtifactRef } from './artifact-ref.js';
import { assertSafeArtifactKey } from './artifact-key.js';
import type { ArtifactStorage, ArtifactStore, PutArtifactOptions } from './artifact-store.js';

/** Artifacts as files under one root folder (`$LOOPLY_HOME/artifacts`). For one machine. */
export class LocalArtifactStore implements ArtifactStore {
  constructor(readonly root: string) {}

  describe(): ArtifactStorage {
    return { provider: 'local' };
  }

  private pathOf(key: string): string {
    assertSafeArtifactKey(key);
    return join(this.root, ...key.split('/'));
  }

  async put(key: string, data: Buffer | Uint8Array | Readable, options: PutArtifactOptions): Promise<ArtifactRef> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    // Write to a temporary name and rename, so a reader never sees a half-written artifact.
    const temporary = `${path}.${process.pid}.${Date.now()}.partial`;
    if (data instanceof Readable) await pipeline(data, createWriteStream(temporary));
    else await writeFile(temporary, data);
    await rename(temporary, path);
    const { size } = await stat(path);
    return { key, contentType: options.contentType, bytes: size };
  }

  async putFile(key: string, filePath: string, options: PutArtifactOptions): Promise<ArtifactRef> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.${Date.now()}.partial`;
    await copyFile(filePath, temporary);
    await rename(temporary, path);
    const { size } = await stat(path);
    return { key, contentType: options.contentType, bytes: size };
  }

  async get(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  async createReadStream(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    await stat(path);
    return createReadStream(path);
  }

  async exists(key: string): Promise<boolean> {
    try {
      await stat(this.pathOf(key));
      return true;
    } catch {
      return false;
    }
  }

  async localPath(key: string): Promise<string> {
    const path = this.pathOf(key);
    await stat(path);
    return path;
  }

  async deletePrefix(prefix: string): Promise<void> {
    assertSafeArtifactKey(prefix.replace(/\/$/, ''));
    await rm(join(this.root, ...prefix.replace(/\/$/, '').split('/')), { recursive: true, force: true });
  }

  async list(prefix: string): Promise<string[]> {
    const base = join(this.root, ...prefix.replace(/\/$/, '').split('/').filter(Boolean));
    const keys: string[] = [];
    const walk = async (folder: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(folder, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const full = join(folder, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (!entry.name.endsWith('.partial')) keys.push(relative(this.root, full).split(sep).join('/'));
      }
    };
    await walk(base);
    return keys.sort();
  }
}
