import { ProviderRegistry, STEP_KINDS, type StepKind } from '@looply/core';
import type { CliConfig } from '../config/cli-config.js';
import { ConfigError } from '../config/config-error.js';
import type { ProviderPackage } from './provider-package.js';

export interface SelectedProviders {
  /** Every configured package, registered (a brief may still pick any of them per step). */
  registry: ProviderRegistry;
  /** The provider id used for each step unless the brief says otherwise. */
  defaults: Record<StepKind, string>;
}

const LOCAL = 'local';

function variableFor(step: StepKind): string {
  return `LOOPLY_${step.toUpperCase()}_PROVIDER`;
}

/** What `auto` picks for a step: the first configured package (other than `local`) listing it in `autoSteps`, else `local`. */
export function autoChoice(step: StepKind, configured: readonly ProviderPackage[]): string {
  return configured.find((pack) => pack.id !== LOCAL && pack.autoSteps.includes(step))?.id ?? LOCAL;
}

/** The variables a package needs that are not set. */
export function missingVariables(pack: ProviderPackage, config: CliConfig): string[] {
  return Object.entries(pack.requiredVariables(config))
    .filter(([, value]) => !value)
    .map(([name]) => name);
}

/**
 * The composition root for providers: resolves `LOOPLY_<STEP>_PROVIDER` (`auto` = the first real provider
 * whose key is set, else `local`) and registers the configured packages. Throws a `ConfigError` naming
 * the variable when a provider is unknown or lacks its key. `packages`: usually `PROVIDER_PACKAGES`.
 */
export function selectProviders(config: CliConfig, packages: readonly ProviderPackage[]): SelectedProviders {
  const configured = packages.filter((pack) => missingVariables(pack, config).length === 0);
  const defaults = {} as Record<StepKind, string>;
  for (const step of STEP_KINDS) {
    const choice = config.providers[step];
    if (choice === 'auto') {
      defaults[step] = autoChoice(step, configured);
      continue;
    }
    const pack = packages.find((candidate) => candidate.id === choice && candidate.steps.includes(step));
    const variable = config.providerSources?.[step] ?? variableFor(step);
    const fromEnvironment = variable === variableFor(step);
    if (!pack) {
      const installed = packages.filter((candidate) => candidate.steps.includes(step)).map((candidate) => candidate.id);
      const where = fromEnvironment ? `invalid environment variable ${variable}` : `invalid ${variable}`;
      throw new ConfigError(variable, `${where}="${choice}": use auto or one of ${installed.join(', ')}`);
    }
    const missing = missingVariables(pack, config);
    if (missing.length > 0) {
      throw new ConfigError(missing[0], `${variable}="${choice}" needs ${missing.join(' and ')} to be set`);
    }
    defaults[step] = choice;
  }
  const registry = new ProviderRegistry();
  for (const pack of configured) registry.use(pack.plugin(config));
  return { registry, defaults };
}
