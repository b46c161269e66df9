import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { isFastStart, readTopLevelBoxes } from './mp4-top-level-boxes.js';

function box(type: string, payloadBytes: number): Buffer {
  const data = Buffer.alloc(8 + payloadBytes);
  data.writeUInt32BE(8 + payloadBytes, 0);
  data.write(type, 4, 'latin1');
  return data;
}

function largeBox(type: string, payloadBytes: number): Buffer {
  const data = Buffer.alloc(16 + payloadBytes);
  data.writeUInt32BE(1, 0);
  data.write(type, 4, 'latin1');
  data.writeBigUInt64BE(BigInt(16 + payloadBytes), 8);
  return data;
}

describe('readTopLevelBoxes', () => {
  let folder: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'looply-boxes-test-'));
  });
  after(() => rm(folder, { recursive: true, force: true }));

  async function boxesOf(...parts: Buffer[]) {
    const file = join(folder, `${parts.length}-${Math.random()}.mp4`);
    await writeFile(file, Buffer.concat(parts));
    return readTopLevelBoxes(file);
  }

  it('lists boxes in file order with offsets and sizes, 64-bit sizes included', async () => {
    const boxes = await boxesOf(box('ftyp', 16), largeBox('mdat', 100), box('moov', 40));
    expect(boxes).to.deep.equal([
      { type: 'ftyp', offset: 0, size: 24 },
      { type: 'mdat', offset: 24, size: 116 },
      { type: 'moov', offset: 140, size: 48 },
    ]);
    expect(isFastStart(boxes)).to.equal(false);
  });

  it('calls moov before mdat fast start, and a size of 0 runs to the end of the file', async () => {
    const last = box('mdat', 30);
    last.writeUInt32BE(0, 0);
    const boxes = await boxesOf(box('ftyp', 16), box('moov', 40), last);
    expect(boxes.at(-1)).to.deep.equal({ type: 'mdat', offset: 72, size: 38 });
    expect(isFastStart(boxes)).to.equal(true);
  });

  it('stops at garbage and cannot judge a file without moov or mdat', async () => {
    const boxes = await boxesOf(Buffer.from('this is not an mp4 file at all'));
    expect(boxes).to.deep.equal([]);
    expect(isFastStart(boxes)).to.equal(undefined);
  });
});
