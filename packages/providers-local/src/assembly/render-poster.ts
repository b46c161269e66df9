import { join } from 'node:path';
import { runFfmpeg } from './run-ffmpeg.js';

/** Width of the poster frame (height follows the video's aspect ratio): enough for a library card. */
const POSTER_WIDTH = 540;

/**
 * The poster frame of a rendered video (stored as `poster.jpg` next to `video.mp4`; the studio's library
 * shows it): one JPEG at a third of its length (past the title card's fade-in,
 * inside the first scenes), written next to it in the work folder. Returns its path.
 */
export async function renderPoster(options: {
  ffmpegPath: string;
  work: string;
  video: string;
  durationSec: number;
  abortSignal?: AbortSignal;
}): Promise<string> {
  const output = 'poster.jpg';
  await runFfmpeg({
    binary: options.ffmpegPath,
    cwd: options.work,
    what: 'extracting the poster frame',
    provider: 'local',
    abortSignal: options.abortSignal,
    args: [
      '-hide_banner',
      '-nostdin',
      '-y',
      '-ss',
      (options.durationSec / 3).toFixed(3),
      '-i',
      options.video,
      '-frames:v',
      '1',
      '-vf',
      `scale=${POSTER_WIDTH}:-2`,
      '-q:v',
      '4',
      output,
    ],
  });
  return join(options.work, output);
}
