import { ProviderError } from '@looply/core';
import { EspeakBinaryEngine } from './espeak-binary-engine.js';
import type { EspeakEngine } from './espeak-engine.js';
import { EspeakWasmEngine } from './espeak-wasm-engine.js';
import { findExecutable } from './find-executable.js';

export type EspeakEngineChoice = 'auto' | 'binary' | 'wasm';

/**
 * `auto` prefers a real espeak-ng binary (`espeakPath`, else `espeak-ng` on PATH) and falls back
 * to the WebAssembly build that ships with the package; `binary` insists on the former.
 */
export function selectEspeakEngine(choice: EspeakEngineChoice, espeakPath: string | undefined): EspeakEngine {
  if (choice === 'wasm') return new EspeakWasmEngine();
  const binary = espeakPath ?? findExecutable('espeak-ng');
  if (binary) return new EspeakBinaryEngine(binary);
  if (choice === 'binary') {
    throw new ProviderError({
      provider: 'local',
      retryable: false,
      code: 'espeak-not-found',
      message:
        'The local voice was asked to use the espeak-ng binary, but there is no espeak-ng on PATH; install Debian’s espeak-ng package, set espeakPath, or use engine "auto" or "wasm".',
    });
  }
  return new EspeakWasmEngine();
}
