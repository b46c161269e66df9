import type { LooplyPlugin, StepKind } from '@looply/core';
import type { CliConfig } from '../config/cli-config.js';

/** How the CLI wires one installed provider package. Supporting a new package is one of these. */
export interface ProviderPackage {
  /** The provider id the package registers, e.g. `openai`. */
  id: string;
  /** The npm package it comes from, e.g. `@looply/providers-openai`. */
  packageName: string;
  /** Its installed version when known (plugins loaded from a config file); bundled ones are looked up when listed. */
  version?: string;
  /** Steps it registers a provider for (each selectable with `LOOPLY_<STEP>_PROVIDER=<id>`). */
  steps: readonly StepKind[];
  /** Steps `auto` gives it when it is configured (real providers before `local`, in list order). */
  autoSteps: readonly StepKind[];
  /** The variables it needs, with their values: it is configured when all are set. */
  requiredVariables(config: CliConfig): Record<string, string | undefined>;
  plugin(config: CliConfig): LooplyPlugin;
}
