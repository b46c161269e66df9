import { encodeWav } from '@looply/core';

/** ElevenLabs `pcm_*` output: signed 16-bit little-endian mono samples. */
const BYTES_PER_SAMPLE = 2;
const WAV_HEADER_BYTES = 44;

/** Exact duration of raw PCM16 mono audio. */
export function pcmDurationSec(byteLength: number, sampleRate: number): number {
  return Math.floor(byteLength / BYTES_PER_SAMPLE) / sampleRate;
}

/** Wraps raw PCM16 mono samples into a canonical 44-byte-header WAV file (a dangling odd byte is dropped). */
export function pcmToWav(pcm: Buffer, sampleRate: number): Buffer {
  const samples = new Int16Array(Math.floor(pcm.length / BYTES_PER_SAMPLE));
  for (let index = 0; index < samples.length; index++) samples[index] = pcm.readInt16LE(index * BYTES_PER_SAMPLE);
  return encodeWav({ sampleRate, channels: 1, samples });
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
  if (
    wav.length < WAV_HEADER_BYTES ||
    wav.toString('ascii', 0, 4) !== 'RIFF' ||
    wav.toString('ascii', 8, 12) !== 'WAVE'
  ) {
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
