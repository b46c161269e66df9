import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STEP_KINDS, type StepKind } from '@looply/core';
import type { CliConfig } from '../config/cli-config.js';
import { resolvePackage } from '../plugins/resolve-package.js';
import type { ProviderPackage } from './provider-package.js';
import { autoChoice, missingVariables } from './select-providers.js';

export interface ProviderRow {
  id: string;
  packageName: string;
  version: string | null;
  configured: boolean;
  /** Variables to set before it can be used. */
  missing: string[];
  /** The provider the step uses unless a brief picks another. */
  isDefault: boolean;
}

export interface StepProviders {
  step: StepKind;
  /** `auto` or a provider id, as configured. */
  choice: string;
  /** Where the choice came from: the variable or the config file. */
  source: string;
  /** What `auto` picks with the keys set now. */
  auto: string;
  providers: ProviderRow[];
}

/** Every provider by step, with its package, version, whether it is configured and which one is used. */
export async function describeProviders(
  config: CliConfig,
  packages: readonly ProviderPackage[],
): Promise<StepProviders[]> {
  const cliFolder = dirname(fileURLToPath(import.meta.url));
  const versions = new Map<string, string | null>();
  for (const pack of packages) {
    if (versions.has(pack.packageName)) continue;
    versions.set(
      pack.packageName,
      pack.version ?? (await resolvePackage(pack.packageName, cliFolder))?.version ?? null,
    );
  }
  const configured = packages.filter((pack) => missingVariables(pack, config).length === 0);
  return STEP_KINDS.map((step) => {
    const choice = config.providers[step];
    const auto = autoChoice(step, configured);
    const used = choice === 'auto' ? auto : choice;
    return {
      step,
      choice,
      source: config.providerSources[step],
      auto,
      providers: packages
        .filter((pack) => pack.steps.includes(step))
        .map((pack) => {
          const missing = missingVariables(pack, config);
          return {
            id: pack.id,
            packageName: pack.packageName,
            version: versions.get(pack.packageName) ?? null,
            configured: missing.length === 0,
            missing,
            isDefault: pack.id === used,
          };
        }),
    };
  });
}

/** The listing as a table, one line per provider and step, then what `auto` picks. */
export function formatProviders(steps: readonly StepProviders[]): string {
  const header = ['STEP', 'PROVIDER', 'PACKAGE', 'VERSION', 'CONFIGURED', 'DEFAULT'];
  const rows = steps.flatMap((entry) =>
    entry.providers.map((row) => [
      entry.step,
      row.id,
      row.packageName,
      row.version ?? '-',
      row.configured ? 'yes' : `no (set ${row.missing.join(', ')})`,
      row.isDefault ? (entry.choice === 'auto' ? 'yes (auto)' : `yes (${entry.source})`) : '',
    ]),
  );
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  const auto = steps.map((entry) => `${entry.step}=${entry.auto}`).join(', ');
  return [line(header), ...rows.map(line), '', `auto picks: ${auto}`, ''].join('\n');
}
