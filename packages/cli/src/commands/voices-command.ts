import type { Command } from 'commander';
import { createLocal, type OfflineVoice } from '@looply/providers-local';
import { EXIT_CODES } from '../exit-codes.js';
import type { OutputStream } from '../output-stream.js';
import { UsageError } from '../usage-error.js';

interface VoicesContext {
  stdout: OutputStream;
}

/** The offline voices as a table: id, language, engine, available, description. */
export function formatVoices(voices: OfflineVoice[]): string {
  const rows = [
    ['Voice', 'Language', 'Engine', 'Available', 'Description'],
    ...voices.map((voice) => [
      voice.id,
      voice.language,
      voice.engine,
      voice.available ? 'yes' : 'no',
      voice.description,
    ]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) =>
      row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  '),
    )
    .join('\n');
}

/**
 * A `--voice` for the local voice provider must name an offline voice: a usage error (exit 2)
 * listing the English voices and pointing at `looply voices` otherwise.
 */
export async function checkOfflineVoice(voice: string): Promise<void> {
  const provider = createLocal().voice();
  if (await provider.hasVoice(voice)) return;
  const voices = await provider.listVoices();
  const english = voices
    .filter((entry) => entry.engine !== 'espeak-ng')
    .map((entry) => (entry.available ? entry.id : `${entry.id} (not installed)`));
  const espeak = voices.filter((entry) => entry.engine === 'espeak-ng').length;
  throw new UsageError(
    '--voice',
    `--voice: no offline voice "${voice}"; English: ${english.join(', ')}; other languages: ${espeak} eSpeak NG voices (en-gb, fr-fr, de, …). List them with "looply voices".`,
  );
}

export function addVoicesCommand(program: Command, context: VoicesContext, setExitCode: (code: number) => void): void {
  program
    .command('voices')
    .description(
      'list the offline voices (--voice picks one): Flite (and Festival when installed) for English, eSpeak NG for other languages',
    )
    .option('--json', 'print one JSON array instead of the table')
    .action(async (raw: { json?: boolean }) => {
      const voices = await createLocal().voice().listVoices();
      context.stdout.write(raw.json ? `${JSON.stringify(voices)}\n` : `${formatVoices(voices)}\n`);
      setExitCode(EXIT_CODES.success);
    });
}
