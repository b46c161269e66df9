import { open } from 'node:fs/promises';

export interface Mp4Box {
  /** Four-character type, e.g. `ftyp`, `moov`, `mdat`. */
  type: string;
  /** Byte offset of the box header in the file. */
  offset: number;
  /** Box size in bytes, header included. */
  size: number;
}

const HEADER_BYTES = 16;

/**
 * The top-level boxes (atoms) of an ISO-BMFF / MP4 file, in file order, read from their headers
 * only (32-bit size, 64-bit `largesize` when size is 1, "to the end of the file" when size is 0).
 * Stops at the first header that does not fit the file (truncated, or not an MP4).
 */
export async function readTopLevelBoxes(path: string): Promise<Mp4Box[]> {
  const file = await open(path, 'r');
  try {
    const { size: fileSize } = await file.stat();
    const boxes: Mp4Box[] = [];
    const header = Buffer.alloc(HEADER_BYTES);
    let offset = 0;
    while (offset + 8 <= fileSize) {
      const { bytesRead } = await file.read(header, 0, HEADER_BYTES, offset);
      if (bytesRead < 8) break;
      let size = header.readUInt32BE(0);
      const type = header.toString('latin1', 4, 8);
      if (!/^[\x20-\x7e]{4}$/.test(type)) break;
      if (size === 1) {
        if (bytesRead < 16) break;
        size = Number(header.readBigUInt64BE(8));
      } else if (size === 0) {
        size = fileSize - offset;
      }
      // A box overflowing the file: a truncated download, or not an MP4 at all.
      if (size < 8 || offset + size > fileSize) break;
      boxes.push({ type, offset, size });
      offset += size;
    }
    return boxes;
  } finally {
    await file.close();
  }
}

/** Fast start: the index (`moov`) comes before the media data (`mdat`), so playback starts while downloading. */
export function isFastStart(boxes: readonly Mp4Box[]): boolean | undefined {
  const moov = boxes.findIndex((box) => box.type === 'moov');
  const mdat = boxes.findIndex((box) => box.type === 'mdat');
  if (moov < 0 || mdat < 0) return undefined;
  return moov < mdat;
}
