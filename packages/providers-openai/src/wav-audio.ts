/** 16-bit PCM audio as read from (or written to) a WAV file. */
export interface PcmAudio {
  sampleRate: number;
  channels: number;
  /** Interleaved signed 16-bit samples. */
  samples: Int16Array;
}

export function durationSecOf(audio: PcmAudio): number {
  return audio.samples.length / audio.channels / audio.sampleRate;
}

const PCM = 1;
const EXTENSIBLE = 0xfffe;

/**
 * Parses a 16-bit PCM WAV. OpenAI streams its WAV answers with placeholder sizes (0xFFFFFFFF in
 * the RIFF and data headers), so the data chunk is read up to what the buffer really holds.
 */
export function parseWav(buffer: Buffer, where = 'WAV'): PcmAudio {
  if (buffer.length < 12 || buffer.toString('ascii', 0, 4) !== 'RIFF' || buffer.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error(`${where}: not a RIFF/WAVE file (${buffer.length} bytes starting with ${JSON.stringify(buffer.toString('latin1', 0, 4))})`);
  }
  let offset = 12;
  let format: { audioFormat: number; channels: number; sampleRate: number; bitsPerSample: number } | undefined;
  while (offset + 8 <= buffer.length) {
    const id = buffer.toString('ascii', offset, offset + 4);
    const declared = buffer.readUInt32LE(offset + 4);
    const start = offset + 8;
    const available = Math.min(declared, buffer.length - start);
    if (id === 'fmt ') {
      if (available < 16) throw new Error(`${where}: truncated fmt chunk`);
      format = {
        audioFormat: buffer.readUInt16LE(start),
        channels: buffer.readUInt16LE(start + 2),
        sampleRate: buffer.readUInt32LE(start + 4),
        bitsPerSample: buffer.readUInt16LE(start + 14),
      };
    } else if (id === 'data') {
      if (!format) throw new Error(`${where}: data chunk before fmt chunk`);
      const { audioFormat, channels, sampleRate, bitsPerSample } = format;
      if ((audioFormat !== PCM && audioFormat !== EXTENSIBLE) || bitsPerSample !== 16) {
        throw new Error(`${where}: only 16-bit PCM is supported (format ${audioFormat}, ${bitsPerSample} bits)`);
      }
      if (channels < 1 || sampleRate < 1) throw new Error(`${where}: invalid fmt chunk (${channels} channels, ${sampleRate} Hz)`);
      const frameBytes = 2 * channels;
      const usable = available - (available % frameBytes);
      const samples = new Int16Array(usable / 2);
      for (let index = 0; index < samples.length; index++) samples[index] = buffer.readInt16LE(start + index * 2);
      return { sampleRate, channels, samples };
    }
    // Chunks are word-aligned: odd sizes carry one padding byte.
    offset = start + declared + (declared % 2);
  }
  throw new Error(`${where}: no data chunk`);
}

/** Encodes 16-bit PCM as a canonical 44-byte-header WAV with real sizes. */
export function encodeWav(audio: PcmAudio): Buffer {
  const dataBytes = audio.samples.length * 2;
  const buffer = Buffer.alloc(44 + dataBytes);
  buffer.write('RIFF', 0, 'ascii');
  buffer.writeUInt32LE(36 + dataBytes, 4);
  buffer.write('WAVE', 8, 'ascii');
  buffer.write('fmt ', 12, 'ascii');
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(PCM, 20);
  buffer.writeUInt16LE(audio.channels, 22);
  buffer.writeUInt32LE(audio.sampleRate, 24);
  buffer.writeUInt32LE(audio.sampleRate * audio.channels * 2, 28);
  buffer.writeUInt16LE(audio.channels * 2, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write('data', 36, 'ascii');
  buffer.writeUInt32LE(dataBytes, 40);
  for (let index = 0; index < audio.samples.length; index++) buffer.writeInt16LE(audio.samples[index], 44 + index * 2);
  return buffer;
}

/** Joins clips of the same format with `pauseSec` of silence between consecutive clips. */
export function concatenatePcm(clips: PcmAudio[], pauseSec: number): PcmAudio {
  if (clips.length === 0) throw new Error('concatenatePcm: no clips');
  const { sampleRate, channels } = clips[0];
  for (const [index, clip] of clips.entries()) {
    if (clip.sampleRate !== sampleRate || clip.channels !== channels) {
      throw new Error(`concatenatePcm: clip ${index} is ${clip.sampleRate} Hz × ${clip.channels} channels, clip 0 is ${sampleRate} Hz × ${channels}`);
    }
  }
  const pauseSamples = Math.round(pauseSec * sampleRate) * channels;
  const total = clips.reduce((sum, clip) => sum + clip.samples.length, 0) + pauseSamples * (clips.length - 1);
  const samples = new Int16Array(total);
  let offset = 0;
  for (const [index, clip] of clips.entries()) {
    samples.set(clip.samples, offset);
    offset += clip.samples.length + (index < clips.length - 1 ? pauseSamples : 0);
  }
  return { sampleRate, channels, samples };
}
