/** 16-bit PCM audio; `samples` are interleaved when there is more than one channel. */
export interface PcmAudio {
  sampleRate: number;
  channels: number;
  samples: Int16Array;
}

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
const HEADER_BYTES = 44;

/** Exact duration in seconds: frames over sample rate. */
export function audioDurationSec(audio: PcmAudio): number {
  return audio.samples.length / audio.channels / audio.sampleRate;
}

/**
 * Reads a RIFF/WAVE file of 16-bit PCM. Tolerates streamed files whose RIFF and data sizes are
 * placeholders (OpenAI streams 0xFFFFFFFF, espeak-ng `--stdout` writes 0x7ffff000): the data then
 * runs to the end of what the buffer holds. `where` prefixes every error message.
 */
export function decodeWav(data: Uint8Array, where = 'WAV data'): PcmAudio {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (bytes.length < 12 || bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error(
      `${where}: not a RIFF/WAVE file (${bytes.length} bytes, starts with ${JSON.stringify(bytes.toString('latin1', 0, 4))})`,
    );
  }
  let format: { channels: number; sampleRate: number } | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const declaredSize = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (declaredSize < 16 || body + 16 > bytes.length) throw new Error(`${where}: truncated "fmt " chunk`);
      const audioFormat = bytes.readUInt16LE(body);
      const channels = bytes.readUInt16LE(body + 2);
      const sampleRate = bytes.readUInt32LE(body + 4);
      const bitsPerSample = bytes.readUInt16LE(body + 14);
      const pcm =
        audioFormat === WAVE_FORMAT_PCM ||
        (audioFormat === WAVE_FORMAT_EXTENSIBLE &&
          declaredSize >= 26 &&
          bytes.readUInt16LE(body + 24) === WAVE_FORMAT_PCM);
      if (!pcm || bitsPerSample !== 16)
        throw new Error(
          `${where}: only 16-bit PCM is supported, got format ${audioFormat} with ${bitsPerSample} bits per sample`,
        );
      if (channels < 1 || sampleRate < 1)
        throw new Error(`${where}: invalid format (${channels} channels at ${sampleRate} Hz)`);
      format = { channels, sampleRate };
    } else if (id === 'data') {
      if (!format) throw new Error(`${where}: "data" chunk before "fmt " chunk`);
      const available = bytes.length - body;
      const size = Math.min(declaredSize, available);
      const frameBytes = 2 * format.channels;
      const usable = size - (size % frameBytes);
      const samples = new Int16Array(usable / 2);
      for (let index = 0; index < samples.length; index++) samples[index] = bytes.readInt16LE(body + index * 2);
      return { ...format, samples };
    }
    // Chunks are padded to an even length.
    offset = body + declaredSize + (declaredSize % 2);
  }
  throw new Error(`${where}: no "data" chunk`);
}

/** Writes a canonical 44-byte-header RIFF/WAVE file of 16-bit PCM with real sizes. */
export function encodeWav(audio: PcmAudio): Buffer {
  if (!Number.isInteger(audio.sampleRate) || audio.sampleRate < 1)
    throw new Error(`encodeWav: sampleRate must be a positive integer, got ${audio.sampleRate}`);
  if (!Number.isInteger(audio.channels) || audio.channels < 1)
    throw new Error(`encodeWav: channels must be a positive integer, got ${audio.channels}`);
  const dataBytes = audio.samples.length * 2;
  const buffer = Buffer.alloc(HEADER_BYTES + dataBytes);
  buffer.write('RIFF', 0, 'ascii');
  buffer.writeUInt32LE(HEADER_BYTES - 8 + dataBytes, 4);
  buffer.write('WAVE', 8, 'ascii');
  buffer.write('fmt ', 12, 'ascii');
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(WAVE_FORMAT_PCM, 20);
  buffer.writeUInt16LE(audio.channels, 22);
  buffer.writeUInt32LE(audio.sampleRate, 24);
  buffer.writeUInt32LE(audio.sampleRate * audio.channels * 2, 28);
  buffer.writeUInt16LE(audio.channels * 2, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write('data', 36, 'ascii');
  buffer.writeUInt32LE(dataBytes, 40);
  for (let index = 0; index < audio.samples.length; index++)
    buffer.writeInt16LE(audio.samples[index], HEADER_BYTES + index * 2);
  return buffer;
}
