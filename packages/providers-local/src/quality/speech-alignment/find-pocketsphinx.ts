import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findExecutable } from '../../voice/espeak/find-executable.js';

/** A pocketsphinx installation with its US English model (Debian's `pocketsphinx` and `pocketsphinx-en-us`). */
export interface Pocketsphinx {
  binary: string;
  /** The acoustic model folder (`-hmm`). */
  acousticModel: string;
  /** The CMU pronouncing dictionary that comes with the model. */
  dictionary: string;
  /** The model's general English language model, for free recognition. */
  languageModel: string;
}

export const POCKETSPHINX_MISSING =
  'pocketsphinx not installed (Debian: apt-get install pocketsphinx pocketsphinx-en-us)';

/**
 * `pocketsphinx_continuous` on PATH and the US English model installed beside it
 * (`<prefix>/share/pocketsphinx/model/en-us`), or undefined.
 */
export function findPocketsphinx(): Pocketsphinx | undefined {
  const binary = findExecutable('pocketsphinx_continuous');
  if (!binary) return undefined;
  const model = join(dirname(dirname(binary)), 'share', 'pocketsphinx', 'model', 'en-us');
  const found = {
    binary,
    acousticModel: join(model, 'en-us'),
    dictionary: join(model, 'cmudict-en-us.dict'),
    languageModel: join(model, 'en-us.lm.bin'),
  };
  return existsSync(join(found.acousticModel, 'mdef')) && existsSync(found.dictionary) ? found : undefined;
}
