import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { parseEbur128Summary, type LoudnessMeasurement } from '../ebur128-summary.js';
import { resolveFfmpegPath } from '../ffmpeg-binaries.js';
import { runFfmpeg } from '../run-ffmpeg.js';

/** Top-level MP4 box types in file order (`ftyp`, `moov`, `mdat`…). */
export async function topLevelBoxes(file: string): Promise<string[]> {
  const data = await readFile(file);
  const boxes: string[] = [];
  let offset = 0;
  while (offset + 8 <= data.length) {
    let size = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    if (size === 1) size = Number(data.readBigUInt64BE(offset + 8));
    else if (size === 0) size = data.length - offset;
    boxes.push(type);
    if (size < 8) break;
    offset += size;
  }
  return boxes;
}

/** Integrated loudness and true peak of a file's audio, measured by ffmpeg's ebur128. */
export async function measureLoudness(file: string): Promise<LoudnessMeasurement> {
  const { stderr } = await runFfmpeg({
    binary: resolveFfmpegPath(),
    args: [
      '-hide_banner',
      '-nostdin',
      '-nostats',
      '-i',
      file,
      '-map',
      '0:a',
      '-af',
      'ebur128=peak=true:framelog=verbose',
      '-f',
      'null',
      '-',
    ],
    what: 'measuring loudness',
    provider: 'test',
  });
  return parseEbur128Summary(stderr);
}

/** Every frame of a video as 8-bit grey pixels at `width`×`height`. */
export function greyFrames(file: string, width: number, height: number): Promise<Uint8Array[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      resolveFfmpegPath(),
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-i',
        file,
        '-vf',
        `scale=${width}:${height}:flags=area,format=gray`,
        '-f',
        'rawvideo',
        '-',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`ffmpeg could not decode ${file}: ${stderr}`));
      const data = Buffer.concat(chunks);
      const size = width * height;
      const frames: Uint8Array[] = [];
      for (let offset = 0; offset + size <= data.length; offset += size)
        frames.push(data.subarray(offset, offset + size));
      resolve(frames);
    });
  });
}

/** Root-mean-square level of a window of samples, in dBFS. */
export function rmsDecibels(samples: Float32Array, from: number, to: number): number {
  let sum = 0;
  for (let index = from; index < to; index += 1) sum += samples[index] * samples[index];
  return 10 * Math.log10(sum / Math.max(1, to - from) + 1e-20);
}

/** The left channel of a 32-bit float stereo WAV, as ffmpeg writes it (`pcm_f32le`). */
export async function readFloatWavLeftChannel(file: string): Promise<{ samples: Float32Array; sampleRate: number }> {
  const data = await readFile(file);
  let offset = 12;
  let sampleRate = 0;
  let channels = 0;
  while (offset + 8 <= data.length) {
    const id = data.toString('latin1', offset, offset + 4);
    const size = data.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      channels = data.readUInt16LE(offset + 10);
      sampleRate = data.readUInt32LE(offset + 12);
    } else if (id === 'data') {
      const body = data.subarray(offset + 8, offset + 8 + size);
      const count = Math.floor(body.length / 4 / channels);
      const samples = new Float32Array(count);
      for (let index = 0; index < count; index += 1) samples[index] = body.readFloatLE(index * 4 * channels);
      return { samples, sampleRate };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error(`${file} has no data chunk`);
}
