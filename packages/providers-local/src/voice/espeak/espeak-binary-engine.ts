import { spawn } from 'node:child_process';
import { AbortedError } from '@looply/core';
import { synthesisArguments, type EspeakEngine, type EspeakSynthesisRequest } from './espeak-engine.js';
import { espeakFailure } from './espeak-failure.js';

// A scene takes well under a second; this only stops a wedged process from holding a worker.
const PROCESS_TIMEOUT_MS = 120_000;

interface ProcessResult {
  stdout: Buffer;
  stderr: string;
}

/** Runs a locally installed espeak-ng executable (Debian's `espeak-ng` package, or `espeakPath`). */
export class EspeakBinaryEngine implements EspeakEngine {
  readonly kind = 'binary';
  readonly description: string;

  constructor(readonly executablePath: string) {
    this.description = `espeak-ng binary ${executablePath}`;
  }

  async synthesize(request: EspeakSynthesisRequest): Promise<Uint8Array> {
    // Text goes through stdin, so text starting with "-" is never read as an option; WAV comes back on stdout.
    const { stdout } = await this.run(
      [...synthesisArguments(request), '--stdout', '--stdin'],
      request.text,
      request.abortSignal,
    );
    return stdout;
  }

  async listVoices(kind: 'voices' | 'variants'): Promise<string> {
    const { stdout } = await this.run(
      [kind === 'voices' ? '--voices' : '--voices=variant'],
      '',
      new AbortController().signal,
    );
    return stdout.toString('utf8');
  }

  private run(args: string[], input: string, abortSignal: AbortSignal): Promise<ProcessResult> {
    if (abortSignal.aborted) return Promise.reject(new AbortedError());
    return new Promise((resolve, reject) => {
      const child = spawn(this.executablePath, args, {
        signal: abortSignal,
        timeout: PROCESS_TIMEOUT_MS,
        killSignal: 'SIGKILL',
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true /* Ctrl-C goes to the CLI, which aborts us */,
      });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      // espeak-ng may exit before reading all of stdin (a bad voice, say); its exit code tells the story.
      child.stdin.on('error', () => undefined);
      child.on('error', (error: NodeJS.ErrnoException) => {
        if (error.name === 'AbortError' || abortSignal.aborted) reject(new AbortedError());
        else if (error.code === 'ENOENT')
          reject(
            espeakFailure(
              this.description,
              `no executable at "${this.executablePath}" (install Debian's espeak-ng package or set espeakPath)`,
              error,
            ),
          );
        else reject(espeakFailure(this.description, error.message, error));
      });
      child.on('close', (code, signal) => {
        const errorOutput = Buffer.concat(stderr).toString('utf8');
        if (abortSignal.aborted) reject(new AbortedError());
        else if (code === 0) resolve({ stdout: Buffer.concat(stdout), stderr: errorOutput });
        else
          reject(
            espeakFailure(
              this.description,
              `exit ${code ?? `signal ${signal}`} running "espeak-ng ${args.join(' ')}": ${errorOutput}`,
            ),
          );
      });
      child.stdin.end(input, 'utf8');
    });
  }
}
