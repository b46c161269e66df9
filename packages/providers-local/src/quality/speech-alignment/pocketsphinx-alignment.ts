import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMediaTool } from '../run-media-tool.js';
import type { Pocketsphinx } from './find-pocketsphinx.js';
import { pronunciations } from './sphinx-pronunciations.js';

/** Where the recogniser found a word in the audio; undefined for a word it could not place. */
export type AlignedWord = { startSec: number; endSec: number } | undefined;

// Beams wide enough that a whole narration aligns as one utterance; no silence removal, so
// times stay the file's own.
const WHOLE_FILE_SEARCH = ['-beam', '1e-100', '-wbeam', '1e-80', '-pbeam', '1e-100', '-remove_silence', 'no'];

/** pocketsphinx's `-time yes` rows: `word start end confidence`. */
const TIMED_WORD = /^(\S+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) \S+$/u;

/**
 * Forced alignment: pocketsphinx recognises `wavPath` (16 kHz mono) with a grammar that allows
 * exactly `words`, in order (with optional pauses between them), and reports where each word lies.
 * Words with no pronunciation (bare symbols) are left out of the grammar and come back undefined.
 * Returns undefined when the search found no path through the grammar.
 */
export async function alignWords(
  pocketsphinx: Pocketsphinx,
  wavPath: string,
  words: string[],
  abortSignal?: AbortSignal,
): Promise<AlignedWord[] | undefined> {
  const spoken = await pronunciations(pocketsphinx.dictionary, words, abortSignal);
  const inGrammar = spoken.flatMap((variants, index) => (variants.length > 0 ? [index] : []));
  if (inGrammar.length === 0) return undefined;
  const folder = await mkdtemp(join(tmpdir(), 'looply-align-'));
  try {
    // Grammar words are named w<index>: caption text never needs escaping for JSGF.
    const dictionary = inGrammar.flatMap((index) =>
      spoken[index].map((phones, variant) => `w${index}${variant === 0 ? '' : `(${variant + 1})`} ${phones}`),
    );
    // An explicit optional pause between words: without it the recogniser tends to stretch a
    // short word ("the") back over the silence before it.
    await writeFile(join(folder, 'words.dict'), `${dictionary.join('\n')}\nsp SIL\n`);
    await writeFile(
      join(folder, 'words.jsgf'),
      `#JSGF V1.0;\ngrammar narration;\npublic <narration> = ${inGrammar.map((index) => `w${index}`).join(' [sp] ')};\n`,
    );
    const { stdout } = await runMediaTool({
      binary: pocketsphinx.binary,
      args: [
        '-infile',
        wavPath,
        '-hmm',
        pocketsphinx.acousticModel,
        '-dict',
        join(folder, 'words.dict'),
        '-jsgf',
        join(folder, 'words.jsgf'),
        '-time',
        'yes',
        ...WHOLE_FILE_SEARCH,
        '-logfn',
        '/dev/null',
      ],
      what: 'aligning the narration with pocketsphinx',
      abortSignal,
    });
    const aligned: AlignedWord[] = words.map(() => undefined);
    for (const line of stdout.split('\n')) {
      const row = TIMED_WORD.exec(line.trim());
      // A word said with an alternative pronunciation comes back as `w12(2)`.
      const name = row ? /^w(\d+)(?:\(\d+\))?$/u.exec(row[1]) : null;
      const index = name ? Number(name[1]) : -1;
      if (row && index >= 0 && index < words.length)
        aligned[index] = { startSec: Number(row[2]), endSec: Number(row[3]) };
    }
    return inGrammar.every((index) => aligned[index]) ? aligned : undefined;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Free recognition with the model's own language model: the words pocketsphinx hears in `wavPath`, lower case. */
export async function recognizeSpeech(
  pocketsphinx: Pocketsphinx,
  wavPath: string,
  abortSignal?: AbortSignal,
): Promise<string[]> {
  const { stdout } = await runMediaTool({
    binary: pocketsphinx.binary,
    args: [
      '-infile',
      wavPath,
      '-hmm',
      pocketsphinx.acousticModel,
      '-dict',
      pocketsphinx.dictionary,
      '-lm',
      pocketsphinx.languageModel,
      '-logfn',
      '/dev/null',
    ],
    what: 'recognising speech with pocketsphinx',
    abortSignal,
  });
  return stdout
    .split(/\s+/u)
    .filter((word) => word && !/^[<[(]/u.test(word))
    .map((word) => word.replace(/\(\d+\)$/u, ''));
}
