/** ElevenLabs `pcm_*` output: signed 16-bit little-endian mono samples. */
const BYTES_PER_SAMPLE = 2;
const WAV_HEADER_BYTES = 44;

/** Exact duration of raw PCM16 mono audio. */
export function pcmDurationSec(byteLength: number, sampleRate: number): number {
  return Math.floor(byteLength / BYTES_PER_SAMPLE) / sampleRate;
}

/** Wraps raw PCM16 mono samples into a canonical 44-byte-header WAV file. */
export function pcmToWav(pcm: Buffer, sampleRate: number): Buffer {
  const dataBytes = pcm.length - (pcm.length % BYTES_PER_SAMPLE);
  const header = Buffer.alloc(WAV_HEADER_BYTES);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(WAV_HEADER_BYTES - 8 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * BYTES_PER_SAMPLE, 28); // byte rate
  header.writeUInt16LE(BYTES_PER_SAMPLE, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return Buffer.concat([header, pcm.subarray(0, dataBytes)]);
}

export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  dataBytes: number;
  durationSec: number;
}

/** Reads a canonical PCM WAV header (the one `pcmToWav` writes, and what ElevenLabs' `wav_*` formats send). */
export function readWavInfo(wav: Buffer): WavInfo {
  if (wav.length < WAV_HEADER_BYTES || wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('Not a RIFF/WAVE file');
  }
  let offset = 12;
  let format: Omit<WavInfo, 'dataBytes' | 'durationSec'> | undefined;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      format = {
        channels: wav.readUInt16LE(offset + 10),
        sampleRate: wav.readUInt32LE(offset + 12),
        bitsPerSample: wav.readUInt16LE(offset + 22),
      };
    } else if (id === 'data') {
      if (!format) throw new Error('WAV data chunk before its fmt chunk');
      const dataBytes = Math.min(size, wav.length - offset - 8);
      const bytesPerFrame = (format.bitsPerSample / 8) * format.channels;
      return { ...format, dataBytes, durationSec: Math.floor(dataBytes / bytesPerFrame) / format.sampleRate };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error('WAV file has no data chunk');
}
