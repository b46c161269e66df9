import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { AbortedError } from '@looply/core';
import type { EspeakEmscriptenModule } from 'espeak-ng';
import { synthesisArguments, type EspeakEngine, type EspeakSynthesisRequest } from './espeak-engine.js';
import { espeakFailure } from './espeak-failure.js';

const INPUT_PATH = '/looply-input.txt';
const OUTPUT_PATH = '/looply-output.wav';
const DESCRIPTION = 'espeak-ng WebAssembly build';

// Node's WebAssembly global; the project's TypeScript libraries (ES2023, no DOM) do not declare it.
interface WebAssemblyRuntime {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<object>;
}
const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyRuntime }).WebAssembly;

// Compiling the 18 MB module is the slow part; it is done once per process and shared.
let compiled: Promise<object> | undefined;

function compiledModule(): Promise<object> {
  compiled ??= (async () => {
    const wasmPath = createRequire(import.meta.url).resolve('espeak-ng/dist/espeak-ng.wasm');
    return webAssembly.compile(await readFile(wasmPath));
  })().catch((error: unknown) => {
    compiled = undefined;
    throw espeakFailure(DESCRIPTION, `could not load the espeak-ng WebAssembly module: ${String(error)}`, error);
  });
  return compiled;
}

const voiceListings = new Map<'voices' | 'variants', Promise<string>>();

interface RunResult {
  module: EspeakEmscriptenModule;
  stdout: string;
}

/**
 * espeak-ng compiled to WebAssembly (the `espeak-ng` npm package, GPL-3.0). The build exports
 * no `callMain`, so every call instantiates a fresh module whose main() runs once with the
 * call's arguments; the input text and the WAV go through its in-memory file system. The
 * compiled module is shared, so an instance costs about 0.1 s.
 */
export class EspeakWasmEngine implements EspeakEngine {
  readonly kind = 'wasm';
  readonly description = DESCRIPTION;

  async synthesize(request: EspeakSynthesisRequest): Promise<Uint8Array> {
    if (request.abortSignal.aborted) throw new AbortedError();
    const { module } = await this.run(
      [...synthesisArguments(request), '-w', OUTPUT_PATH, '-f', INPUT_PATH],
      request.text,
    );
    // main() runs synchronously to completion; a cancel that arrived meanwhile is honoured now.
    if (request.abortSignal.aborted) throw new AbortedError();
    try {
      return module.FS.readFile(OUTPUT_PATH);
    } catch (error) {
      throw espeakFailure(this.description, 'espeak-ng wrote no WAV output', error);
    }
  }

  async listVoices(kind: 'voices' | 'variants'): Promise<string> {
    // The bundled voices never change, so each list is made once per process.
    let listing = voiceListings.get(kind);
    if (!listing) {
      listing = this.run([kind === 'voices' ? '--voices' : '--voices=variant'], '').then(({ stdout }) => stdout);
      voiceListings.set(kind, listing);
      listing.catch(() => voiceListings.delete(kind));
    }
    return listing;
  }

  private async run(args: string[], input: string): Promise<RunResult> {
    const [{ default: createEspeakModule }, wasmModule] = await Promise.all([import('espeak-ng'), compiledModule()]);
    const stdout: string[] = [];
    const stderr: string[] = [];
    let exitStatus = 0;
    // main() runs inside the instantiation callback: errors it throws surface here, not in the module's promise.
    let settleMain!: { resolve: () => void; reject: (error: unknown) => void };
    const mainFinished = new Promise<void>((resolve, reject) => (settleMain = { resolve, reject }));
    const ready = createEspeakModule({
      arguments: args,
      preRun: [(module) => module.FS.writeFile(INPUT_PATH, input)],
      print: (line) => stdout.push(line),
      printErr: (line) => stderr.push(line),
      quit: (status, toThrow) => {
        exitStatus = status;
        throw toThrow;
      },
      instantiateWasm: (imports, receiveInstance) => {
        webAssembly
          .instantiate(wasmModule, imports)
          .then((instance) => receiveInstance(instance, wasmModule))
          .then(settleMain.resolve, settleMain.reject);
        return {};
      },
    });
    let module: EspeakEmscriptenModule;
    try {
      [module] = await Promise.all([ready, mainFinished]);
    } catch (error) {
      throw espeakFailure(
        this.description,
        `crashed running "espeak-ng ${args.join(' ')}": ${stderr.join('\n') || String(error)}`,
        error,
      );
    }
    // The runtime notes every explicit exit() on stderr; that line is noise, not espeak-ng's.
    const errorOutput = stderr.filter((line) => !line.startsWith('program exited (with status')).join('\n');
    if (exitStatus !== 0)
      throw espeakFailure(this.description, `exit ${exitStatus} running "espeak-ng ${args.join(' ')}": ${errorOutput}`);
    return { module, stdout: stdout.join('\n') };
  }
}
