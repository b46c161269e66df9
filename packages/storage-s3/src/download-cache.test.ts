import { expect } from 'chai';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { DownloadCache } from './download-cache.js';

describe('DownloadCache', () => {
  it('evicts the least recently used files once over its byte bound, keeping the newest', async () => {
    const cache = new DownloadCache(10, undefined, 0);
    const write = (text: string) => (path: string) => writeFile(path, text);
    const first = await cache.pathOf('a', 'e1', write('123456'));
    const second = await cache.pathOf('b', 'e1', write('abcdef'));
    expect(cache.size).to.equal(6);
    expect(await stat(first).catch(() => null)).to.equal(null);
    expect(await readFile(second, 'utf8')).to.equal('abcdef');
    await cache.clear();
  });

  it('downloads a key once for concurrent callers of the same version', async () => {
    const cache = new DownloadCache(1000);
    let downloads = 0;
    const download = async (path: string) => {
      downloads += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      await writeFile(path, 'x');
    };
    const paths = await Promise.all([
      cache.pathOf('k', 'e', download),
      cache.pathOf('k', 'e', download),
      cache.pathOf('k', 'e', download),
    ]);
    expect(new Set(paths).size).to.equal(1);
    expect(downloads).to.equal(1);
    await cache.clear();
  });
});
