import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import type { DependencyContainer } from 'tsyringe';
import { CAPTION_PRESET_IDS, LooplyError, STYLE_IDS, TRANSITION_KINDS } from '@looply/core';
import { addAdminCommand } from './commands/admin-command.js';
import { addCheckCommand } from './commands/check-command.js';
import { addMcpCommand } from './commands/mcp-command.js';
import { addProvidersCommand } from './commands/providers-command.js';
import { addServeCommand } from './commands/serve-command.js';
import { addVastCommand } from './commands/vast-command.js';
import { addVoicesCommand, checkOfflineVoice } from './commands/voices-command.js';
import { addWorkerCommand } from './commands/worker-command.js';
import type { CliContext } from './cli-context.js';
import type { ConfigureContainer } from './composition/composition-root.js';
import { TOKENS } from './composition/tokens.js';
import { EXIT_CODES } from './exit-codes.js';
import { DEFAULT_CONCURRENCY, parseGenerateOptions, type RawGenerateOptions } from './generate/generate-options.js';
import { isUsageProblem } from './usage-problem.js';
import type { SelectedProviders } from './providers/select-providers.js';

export type { CliContext } from './cli-context.js';

export interface RunCliOptions {
  /** Replaces registrations of the composition root before any command runs (see composition/tokens.ts). */
  configure?: ConfigureContainer;
}

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/**
 * Runs the `looply` command line (`argv` as in `process.argv`) and resolves with the exit code:
 * 0 success, 1 failure, 2 bad options or environment (one line on stderr, nothing started), 130 interrupted.
 */
export async function runCli(
  argv: readonly string[],
  cliContext: CliContext,
  options: RunCliOptions = {},
): Promise<number> {
  let exitCode: number = EXIT_CODES.success;
  let root: Promise<DependencyContainer> | undefined;
  // Loaded on first use: a usage error never pays for loading the providers and the engine.
  const compositionRoot = () =>
    (root ??= import('./composition/composition-root.js').then(({ createCompositionRoot }) =>
      createCompositionRoot(context, options.configure),
    ));
  const context: CliContext = { ...cliContext, compositionRoot };
  const openScope = async () =>
    (await import('./composition/composition-root.js')).openCommandScope(await compositionRoot());
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
    .option(
      '--music <choice>',
      'background music ducked under the narration: auto, none, calm, upbeat, dramatic, playful or an audio file (default: auto)',
    )
    .option('--captions <preset>', `caption look: ${CAPTION_PRESET_IDS.join(', ')} (default: the style's)`)
    .option('--transition <kind>', `between scenes: ${TRANSITION_KINDS.join(', ')} (default: the style's)`)
    .option(
      '--template <name|file>',
      'a built-in template (explainer, listicle, story, product-promo, news-recap) or a JSON template file; options override its presets',
    )
    .option('--out <file>', 'where to write the MP4 (default: ./looply-<jobId>.mp4)')
    .option('--json', 'print one JSON result on stdout instead of progress')
    .option('--concurrency <n>', `steps the in-process workers run at once (default: ${DEFAULT_CONCURRENCY})`)
    .option('--strict', 'exit 1 when the video fails an output standard (default: a warning)')
    .action(async (raw: RawGenerateOptions) => {
      exitCode = await usageChecked(context, async () => {
        const options = await parseGenerateOptions(raw, context.cwd);
        const scope = await openScope();
        // --music may name a file of this machine's user (never so for serve/worker, where briefs come from clients).
        scope.registerInstance(TOKENS.AllowLocalMusicFiles, true);
        // Resolved now so an unknown or unconfigured provider is a usage error, before anything starts.
        const providers = scope.resolve<SelectedProviders>(TOKENS.Providers);
        if (options.brief.voice && providers.defaults.voice === 'local') await checkOfflineVoice(options.brief.voice);
        return async () => {
          const { runGenerate } = await import('./generate/run-generate.js');
          return runGenerate(options, scope, context);
        };
      });
    });

  program
    .command('migrate')
    .description('apply database migrations and exit')
    .action(async () => {
      exitCode = await usageChecked(context, async () => {
        const scope = await openScope();
        return async () => {
          const { runMigrate } = await import('./migrate/run-migrate.js');
          return runMigrate(scope, context);
        };
      });
    });

  addCheckCommand(program, context, (code) => (exitCode = code));
  addServeCommand(program, context, (code) => (exitCode = code));
  addWorkerCommand(program, context, (code) => (exitCode = code));
  addVastCommand(program, context, (code) => (exitCode = code));
  addProvidersCommand(program, context, (code) => (exitCode = code));
  addMcpCommand(program, context, (code) => (exitCode = code));
  addVoicesCommand(program, context, (code) => (exitCode = code));
  addAdminCommand(program, context, (code) => (exitCode = code));

  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its one-line error (or the help / version asked for).
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version'
        ? EXIT_CODES.success
        : EXIT_CODES.usage;
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
    if (isUsageProblem(error)) {
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
