import { spawn } from 'node:child_process';
import { AbortedError, ProviderError } from '@looply/core';
import { FfmpegProgressParser } from './ffmpeg-progress.js';

export interface RunFfmpegOptions {
  /** Path of the ffmpeg (or ffprobe) binary. */
  binary: string;
  /** Arguments as an array: never a shell string. */
  args: string[];
  /** What this run does, for error messages, e.g. `rendering the video`. */
  what: string;
  /** Provider id for the ProviderError. */
  provider: string;
  /** Working directory: relative input and output names resolve here. */
  cwd?: string;
  abortSignal?: AbortSignal;
  /** Output time written so far, from `-progress pipe:1` (the caller adds that option). */
  onOutputTime?: (seconds: number, finished: boolean) => void;
}

export interface RunFfmpegResult {
  stdout: string;
  /** The end of stderr (at most the last 256 KiB). */
  stderr: string;
}

const STDERR_KEEP_BYTES = 256 * 1024;
const ERROR_LINES = 15;
/** Noise of the static build's fontconfig reading a newer system configuration. */
const NOISE = /^Fontconfig (warning|error):/;

/**
 * Runs ffmpeg/ffprobe with an argument array. Abort kills the process and throws AbortedError;
 * a non-zero exit throws a non-retryable ProviderError quoting the last stderr lines.
 */
export function runFfmpeg(options: RunFfmpegOptions): Promise<RunFfmpegResult> {
  const { abortSignal } = options;
  if (abortSignal?.aborted) return Promise.reject(new AbortedError(`Aborted before ${options.what}`));
  return new Promise<RunFfmpegResult>((resolve, reject) => {
    // Own process group: a terminal Ctrl-C reaches the CLI, which cancels the job and aborts us;
    // it must not kill ffmpeg first and turn the cancel into a failure.
    const child = spawn(options.binary, options.args, {
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
      detached: true,
    });
    const stdout: Buffer[] = [];
    let stderr = '';
    let settled = false;
    const progress = options.onOutputTime ? new FfmpegProgressParser(options.onOutputTime) : undefined;

    const finish = (error: Error | undefined): void => {
      if (settled) return;
      settled = true;
      abortSignal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve({ stdout: Buffer.concat(stdout).toString(), stderr });
    };
    const onAbort = (): void => {
      child.kill('SIGKILL');
      finish(new AbortedError(`Aborted while ${options.what}`));
    };
    abortSignal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => {
      if (progress) progress.push(chunk);
      else stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.length > STDERR_KEEP_BYTES * 2) stderr = stderr.slice(-STDERR_KEEP_BYTES);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'ENOENT'
          ? `no executable at ${options.binary} (set FFMPEG_PATH / FFPROBE_PATH or the ffmpegPath / ffprobePath settings)`
          : error.message;
      finish(
        new ProviderError({
          provider: options.provider,
          message: `Could not start ${options.what}: ${reason}`,
          retryable: false,
          cause: error,
        }),
      );
    });
    child.on('close', (code, signal) => {
      if (code === 0) return finish(undefined);
      const tail = lastLines(stderr, ERROR_LINES);
      const status = code === null ? `was killed by ${signal}` : `exited with code ${code}`;
      finish(
        new ProviderError({
          provider: options.provider,
          message: `ffmpeg ${status} while ${options.what}:\n${tail || '(no output)'}`,
          retryable: false,
        }),
      );
    });
  });
}

/** The last meaningful stderr lines (without fontconfig noise). */
export function lastLines(text: string, count: number): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line && !NOISE.test(line))
    .slice(-count)
    .join('\n');
}
