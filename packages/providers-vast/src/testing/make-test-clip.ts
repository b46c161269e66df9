import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/** ffmpeg: `FFMPEG_PATH`, else the static build of `@ffmpeg-installer/ffmpeg` (a dev dependency of this package). */
export function testFfmpegPath(): string {
  const fromEnvironment = process.env.FFMPEG_PATH?.trim();
  if (fromEnvironment) return fromEnvironment;
  return (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
}

export interface TestClipFormat {
  width: number;
  height: number;
  frames: number;
  fps: number;
}

/** A real H.264 MP4 (test pattern) of exactly this size, frame count and rate, as a video model would return. */
export async function makeTestClip(format: TestClipFormat, ffmpegPath = testFfmpegPath()): Promise<Buffer> {
  const folder = await mkdtemp(join(tmpdir(), 'looply-test-clip-'));
  const file = join(folder, 'clip.mp4');
  try {
    await run(ffmpegPath, [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `testsrc2=size=${format.width}x${format.height}:rate=${format.fps}`,
      '-frames:v',
      String(format.frames),
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-movflags',
      '+faststart',
      file,
    ]);
    return await readFile(file);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
