/**
 * Duration in seconds of a PCM WAV file, read from its `fmt ` and `data` chunks; null when the
 * bytes are not a RIFF/WAVE file. Walks the chunks, so files with extra chunks (LIST, fact) work.
 */
export function readWavDuration(data: Buffer): number | null {
  if (data.length < 12 || data.toString('ascii', 0, 4) !== 'RIFF' || data.toString('ascii', 8, 12) !== 'WAVE')
    return null;
  let byteRate: number | undefined;
  let offset = 12;
  while (offset + 8 <= data.length) {
    const id = data.toString('ascii', offset, offset + 4);
    const size = data.readUInt32LE(offset + 4);
    if (id === 'fmt ' && offset + 16 <= data.length) byteRate = data.readUInt32LE(offset + 16);
    if (id === 'data') {
      if (!byteRate) return null;
      // Streamed WAVs may declare 0 or 0xFFFFFFFF: fall back to the bytes actually present.
      const available = data.length - (offset + 8);
      const dataBytes = size === 0 || size === 0xffffffff || size > available ? available : size;
      return dataBytes / byteRate;
    }
    offset += 8 + size + (size % 2);
  }
  return null;
}
