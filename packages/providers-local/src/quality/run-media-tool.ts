import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { AbortedError, LooplyError } from '@looply/core';

export interface RunMediaToolOptions {
  /** Path of the ffmpeg or ffprobe binary. */
  binary: string;
  /** Arguments as an array: never a shell string. */
  args: string[];
  /** What the run does, for error messages, e.g. `measuring loudness of clip.mp4`. */
  what: string;
  abortSignal?: AbortSignal;
  /** Called for each stderr line as it arrives (ffmpeg's analysers log there). */
  onStderrLine?: (line: string) => void;
  /**
   * Binary outputs by file descriptor (1 = stdout, 3… = extra pipes ffmpeg writes as `pipe:N`).
   * Without a handler for 1, stdout is collected as text.
   */
  outputs?: Record<number, (chunk: Buffer) => void>;
}

export interface RunMediaToolResult {
  /** Collected stdout, when no handler consumed it. */
  stdout: string;
}

const ERROR_LINES = 12;
/** Noise of the static build's fontconfig reading a newer system configuration. */
const NOISE = /^Fontconfig (warning|error):/;

/**
 * Runs ffmpeg or ffprobe, streaming stderr line by line and raw outputs chunk by chunk.
 * Abort kills the process and throws AbortedError; a non-zero exit throws a LooplyError
 * (`media-tool-failed`) quoting the last stderr lines.
 */
export function runMediaTool(options: RunMediaToolOptions): Promise<RunMediaToolResult> {
  const { abortSignal } = options;
  if (abortSignal?.aborted) return Promise.reject(new AbortedError(`Aborted before ${options.what}`));
  const descriptors = Object.keys(options.outputs ?? {}).map(Number);
  const highest = Math.max(2, ...descriptors);
  const stdio = Array.from({ length: highest + 1 }, (_, index) => (index === 0 ? 'ignore' : 'pipe')) as (
    'ignore' | 'pipe'
  )[];

  return new Promise<RunMediaToolResult>((resolve, reject) => {
    const child = spawn(options.binary, options.args, { stdio, windowsHide: true });
    const stdout: Buffer[] = [];
    const tail: string[] = [];
    let pendingLine = '';
    let settled = false;

    const finish = (error: Error | undefined): void => {
      if (settled) return;
      settled = true;
      abortSignal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve({ stdout: Buffer.concat(stdout).toString() });
    };
    const onAbort = (): void => {
      child.kill('SIGKILL');
      finish(new AbortedError(`Aborted while ${options.what}`));
    };
    abortSignal?.addEventListener('abort', onAbort, { once: true });

    const readLine = (line: string): void => {
      if (!line || NOISE.test(line)) return;
      tail.push(line);
      if (tail.length > ERROR_LINES) tail.shift();
      options.onStderrLine?.(line);
    };
    child.stderr?.on('data', (chunk: Buffer) => {
      const lines = (pendingLine + chunk.toString()).split(/\r?\n|\r/);
      pendingLine = lines.pop() ?? '';
      for (const line of lines) readLine(line.trimEnd());
    });

    for (let descriptor = 1; descriptor <= highest; descriptor += 1) {
      if (descriptor === 2) continue;
      const stream = child.stdio[descriptor] as Readable | null;
      const handler = options.outputs?.[descriptor];
      if (!stream) continue;
      if (handler) {
        stream.on('data', (chunk: Buffer) => {
          try {
            handler(chunk);
          } catch (error) {
            child.kill('SIGKILL');
            finish(error as Error);
          }
        });
      } else if (descriptor === 1) stream.on('data', (chunk: Buffer) => stdout.push(chunk));
      else stream.resume();
    }

    child.on('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'ENOENT'
          ? `no executable at ${options.binary} (set FFMPEG_PATH / FFPROBE_PATH, or the ffmpegPath / ffprobePath options)`
          : error.message;
      finish(new LooplyError('media-tool-missing', `Could not start ${options.what}: ${reason}`));
    });
    child.on('close', (code, signal) => {
      readLine(pendingLine.trimEnd());
      pendingLine = '';
      if (code === 0) return finish(undefined);
      const status = code === null ? `was killed by ${signal}` : `exited with code ${code}`;
      finish(
        new LooplyError(
          'media-tool-failed',
          `${options.binary.split(/[\\/]/).pop()} ${status} while ${options.what}:\n${tail.join('\n') || '(no output)'}`,
        ),
      );
    });
  });
}
