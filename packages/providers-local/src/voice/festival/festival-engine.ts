import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AbortedError, ProviderError } from '@looply/core';
import { findExecutable } from '../espeak/find-executable.js';
import type { FliteResult } from '../flite/flite-wasm-engine.js';

/** Debian's `festvox-us-slt-hts`: CMU ARCTIC SLT as an HTS (statistical parametric) voice. */
export const FESTIVAL_HTS_VOICE = 'cmu_us_slt_arctic_hts';

/** `festival` on PATH with the HTS voice installed beside it (`<prefix>/share/festival/voices/us/…`), or undefined. */
export function findFestival(): string | undefined {
  const binary = findExecutable('festival');
  if (!binary) return undefined;
  return existsSync(join(dirname(dirname(binary)), 'share', 'festival', 'voices', 'us', FESTIVAL_HTS_VOICE))
    ? binary
    : undefined;
}

/** A Scheme string literal. */
function schemeString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\s+/g, ' ')}"`;
}

/**
 * Synthesises `text` with Festival's HTS voice in batch mode. The script saves the WAV and
 * prints every segment of the utterance as `phone:endTime`, the same form as Flite's `-psdur`
 * (both use the CMU US English phone set), so word timings are read the same way.
 */
export async function synthesizeWithFestival(
  binary: string,
  request: { text: string; durationStretch?: number; abortSignal: AbortSignal },
): Promise<FliteResult> {
  if (request.abortSignal.aborted) throw new AbortedError();
  const folder = await mkdtemp(join(tmpdir(), 'looply-festival-'));
  try {
    const wavPath = join(folder, 'output.wav');
    const script = [
      `(voice_${FESTIVAL_HTS_VOICE})`,
      `(Parameter.set 'Duration_Stretch ${request.durationStretch ?? 1})`,
      `(set! utt (utt.synth (Utterance Text ${schemeString(request.text)})))`,
      `(utt.save.wave utt ${schemeString(wavPath)} 'riff)`,
      `(mapcar (lambda (segment) (format t "%s:%f " (item.name segment) (item.feat segment "end"))) (utt.relation.items utt 'Segment))`,
      '(format t "\\n")',
    ].join('\n');
    await writeFile(join(folder, 'speak.scm'), script, 'utf8');
    const segments = await new Promise<string>((resolve, reject) => {
      execFile(
        binary,
        ['-b', join(folder, 'speak.scm')],
        { signal: request.abortSignal, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => {
          if (request.abortSignal.aborted) reject(new AbortedError());
          else if (error)
            reject(
              new ProviderError({
                provider: 'local',
                retryable: false,
                message: `Festival (${binary}) failed: ${stderr.trim().slice(0, 500) || error.message}`,
                cause: error,
              }),
            );
          else resolve(stdout);
        },
      );
    });
    const wav = await readFile(wavPath).catch((error: unknown) => {
      throw new ProviderError({
        provider: 'local',
        retryable: false,
        message: `Festival (${binary}) wrote no WAV output`,
        cause: error,
      });
    });
    return { wav, segments };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
