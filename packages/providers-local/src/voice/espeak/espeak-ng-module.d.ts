// Types for the parts of the `espeak-ng` npm package (an Emscripten build, no types shipped) we use.
declare module 'espeak-ng' {
  export interface EspeakEmscriptenFileSystem {
    writeFile(path: string, data: string | Uint8Array): void;
    readFile(path: string): Uint8Array;
  }

  export interface EspeakEmscriptenModule {
    FS: EspeakEmscriptenFileSystem;
  }

  export interface EspeakEmscriptenOptions {
    /** Command-line arguments; main() runs with them as soon as the module is ready. */
    arguments?: string[];
    preRun?: Array<(module: EspeakEmscriptenModule) => void>;
    print?: (line: string) => void;
    printErr?: (line: string) => void;
    /** Called on exit(); must throw `toThrow` to unwind. Replaces the default, which sets process.exitCode. */
    quit?: (status: number, toThrow: unknown) => never;
    /** Lets the caller instantiate (WebAssembly.Instance, WebAssembly.Module) from a module compiled once. */
    instantiateWasm?: (
      imports: object,
      receiveInstance: (instance: object, module: object) => void,
    ) => Record<string, never>;
  }

  const createEspeakModule: (options?: EspeakEmscriptenOptions) => Promise<EspeakEmscriptenModule>;
  export default createEspeakModule;
}
