import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { CAPTION_PRESET_IDS, LooplyError, STYLE_IDS, TRANSITION_KINDS } from '@looply/core';
import { addCheckCommand } from './commands/check-command.js';
import { addServeCommand } from './commands/serve-command.js';
import { addVastCommand } from './commands/vast-command.js';
import { addWorkerCommand } from './commands/worker-command.js';
import { loadConfig } from './config/cli-config.js';
import { ConfigError } from './config/config-error.js';
import { EXIT_CODES } from './exit-codes.js';
import { DEFAULT_CONCURRENCY, parseGenerateOptions, type RawGenerateOptions } from './generate/generate-options.js';
import { selectProviders } from './providers/select-providers.js';
import { UsageError } from './usage-error.js';
import type { OutputStream } from './output-stream.js';

export interface CliContext {
  stdout: OutputStream;
  stderr: OutputStream;
  environment: Record<string, string | undefined>;
  cwd: string;
}

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * Runs the `looply` command line (`argv` as in `process.argv`) and resolves with the exit code:
 * 0 success, 1 failure, 2 bad options or environment (one line on stderr, nothing started), 130 interrupted.
 */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  let exitCode: number = EXIT_CODES.success;
  const program = new Command('looply')
    .description('Turn a brief into a narrated video')
    .version(packageJson.version)
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
    });

  program
    .command('generate')
    .description('generate a video from a brief, with in-process workers and a progress bar')
    .requiredOption('--topic <text>', 'what the video is about')
    .option('--tone <text>', 'tone of the narration (default: informative)')
    .option('--duration <seconds>', 'target length in seconds, 5 to 180 (default: 30)')
    .option('--aspect <ratio>', '9:16, 16:9 or 1:1 (default: 9:16)')
    .option('--style <style>', `visual style: ${STYLE_IDS.join(', ')} (default: modern)`)
    .option('--language <tag>', 'BCP-47 language of the narration (default: en)')
    .option('--voice <voice>', 'voice id for the voice provider')
    .option('--music <choice>', 'background music ducked under the narration: auto, none, calm, upbeat, dramatic, playful or an audio file (default: auto)')
    .option('--captions <preset>', `caption look: ${CAPTION_PRESET_IDS.join(', ')} (default: the style's)`)
    .option('--transition <kind>', `between scenes: ${TRANSITION_KINDS.join(', ')} (default: the style's)`)
    .option('--out <file>', 'where to write the MP4 (default: ./looply-<jobId>.mp4)')
    .option('--json', 'print one JSON result on stdout instead of progress')
    .option('--concurrency <n>', `steps the in-process workers run at once (default: ${DEFAULT_CONCURRENCY})`)
    .option('--strict', 'exit 1 when the video fails an output standard (default: a warning)')
    .action(async (raw: RawGenerateOptions) => {
      exitCode = await usageChecked(context, async () => {
        const options = await parseGenerateOptions(raw, context.cwd);
        const config = await loadConfig(context.environment, context.cwd);
        const { PROVIDER_PACKAGES } = await import('./providers/provider-packages.js');
        const providers = selectProviders(config, PROVIDER_PACKAGES);
        return async () => {
          // Loaded only now: a usage error never pays for loading the engine.
          const { runGenerate } = await import('./generate/run-generate.js');
          return runGenerate(options, config, providers, context);
        };
      });
    });

  program
    .command('migrate')
    .description('apply database migrations and exit')
    .action(async () => {
      exitCode = await usageChecked(context, async () => {
        const config = await loadConfig(context.environment, context.cwd);
        return async () => {
          const { runMigrate } = await import('./migrate/run-migrate.js');
          return runMigrate(config, context);
        };
      });
    });

  addCheckCommand(program, context, (code) => (exitCode = code));
  addServeCommand(program, context, (code) => (exitCode = code));
  addWorkerCommand(program, context, (code) => (exitCode = code));
  addVastCommand(program, context, (code) => (exitCode = code));

  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its one-line error (or the help / version asked for).
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT_CODES.success : EXIT_CODES.usage;
    }
    throw error;
  }
  return exitCode;
}

/**
 * Validates first (a `UsageError`/`ConfigError` prints one line and gives exit code 2, before anything
 * starts), then runs. Any other error prints one line and gives exit code 1.
 */
async function usageChecked(context: CliContext, validate: () => Promise<() => Promise<number>>): Promise<number> {
  let run: () => Promise<number>;
  try {
    run = await validate();
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      context.stderr.write(`looply: ${error.message}\n`);
      return EXIT_CODES.usage;
    }
    throw error;
  }
  try {
    return await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = error instanceof LooplyError ? ` [${error.code}]` : '';
    context.stderr.write(`looply: ${message}${code}\n`);
    return EXIT_CODES.failure;
  }
}
