/**
 * Speech-like test audio: one tone burst per syllable-sized chunk of the input, with silence
 * before and after, as 24 kHz mono 16-bit WAV. Like the real `/v1/audio/speech` stream, the
 * RIFF and data sizes are the 0xFFFFFFFF placeholder unless `exactSizes` is set.
 */
export interface FakeSpeechOptions {
  sampleRate?: number;
  /** Words per second of the fake "voice", default 2.5. */
  wordsPerSecond?: number;
  leadingSilenceSec?: number;
  trailingSilenceSec?: number;
  exactSizes?: boolean;
}

export function fakeSpeechDurationSec(text: string, options: FakeSpeechOptions = {}): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  const speechSec = Math.max(0.4, words / (options.wordsPerSecond ?? 2.5));
  return (options.leadingSilenceSec ?? 0.1) + speechSec + (options.trailingSilenceSec ?? 0.15);
}

export function fakeSpeechWav(text: string, options: FakeSpeechOptions = {}): Buffer {
  const sampleRate = options.sampleRate ?? 24_000;
  const leading = Math.round((options.leadingSilenceSec ?? 0.1) * sampleRate);
  const trailing = Math.round((options.trailingSilenceSec ?? 0.15) * sampleRate);
  const total = Math.round(fakeSpeechDurationSec(text, options) * sampleRate);
  const speech = total - leading - trailing;
  const samples = Buffer.alloc(total * 2);
  const syllableSamples = Math.round(0.18 * sampleRate);
  for (let index = 0; index < speech; index++) {
    const inSyllable = index % syllableSamples;
    // Bursts with a short dip between them, loud enough to count as speech.
    const envelope =
      inSyllable < syllableSamples * 0.8 ? Math.sin((Math.PI * inSyllable) / (syllableSamples * 0.8)) : 0.05;
    const value = Math.round(0.5 * 32767 * envelope * Math.sin((2 * Math.PI * 180 * index) / sampleRate));
    samples.writeInt16LE(value, (leading + index) * 2);
  }
  const header = Buffer.alloc(44);
  const placeholder = 0xffffffff;
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(options.exactSizes ? 36 + samples.length : placeholder, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(options.exactSizes ? samples.length : placeholder, 40);
  return Buffer.concat([header, samples]);
}
