import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import type { CliConfig } from '../config/cli-config.js';
import { TOKENS } from '../composition/tokens.js';
import { EXIT_CODES } from '../exit-codes.js';
import type { ProviderPackage } from '../providers/provider-package.js';
import { exitCodeAction } from './server-process.js';

/** Registers `looply providers [--json]`: every provider by step, its package and version, configured or not, and what `auto` picks. */
export function addProvidersCommand(program: Command, context: CliContext, setExitCode: (code: number) => void): void {
  program
    .command('providers')
    .description('list the providers by step: package, version, whether configured, and the default (what auto picks)')
    .option('--json', 'print one JSON document instead of the table')
    .action((raw: { json?: boolean }) =>
      exitCodeAction(
        setExitCode,
        async () => {
          const { openScopeFor } = await import('../composition/composition-root.js');
          const { describeProviders, formatProviders } = await import('../providers/describe-providers.js');
          const scope = await openScopeFor(context);
          const steps = await describeProviders(
            scope.resolve<CliConfig>(TOKENS.Settings),
            scope.resolve<readonly ProviderPackage[]>(TOKENS.ProviderPackages),
          );
          context.stdout.write(raw.json ? JSON.stringify({ steps }) + '\n' : formatProviders(steps));
          return EXIT_CODES.success;
        },
        context,
        'providers',
      ),
    );
}
