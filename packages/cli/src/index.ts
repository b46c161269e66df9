export { runCli, type CliContext, type RunCliOptions } from './cli-program.js';
export {
  createCompositionRoot,
  openCommandScope,
  closeCommandScope,
  type ConfigureContainer,
} from './composition/composition-root.js';
export { TOKENS } from './composition/tokens.js';
export { createArtifactStore } from './artifacts/create-artifact-store.js';
export { DatabaseConnection } from './composition/database-connection.js';
export { EngineFactory, type CreateEngineOptions } from './composition/engine-factory.js';
export {
  configFileSchema,
  loadConfigFile,
  CONFIG_FILE_NAMES,
  type ConfigFile,
  type PluginReference,
} from './config/config-file.js';
export { loadPlugins } from './plugins/load-plugins.js';
export { PluginLoadError } from './plugins/plugin-load-error.js';
export {
  describeProviders,
  formatProviders,
  type StepProviders,
  type ProviderRow,
} from './providers/describe-providers.js';
export { loadConfig, type CliConfig } from './config/cli-config.js';
export { ConfigError } from './config/config-error.js';
export { environmentSchema } from './config/environment-schema.js';
export { selectProviders, type SelectedProviders } from './providers/select-providers.js';
export { PROVIDER_PACKAGES } from './providers/provider-packages.js';
export type { ProviderPackage } from './providers/provider-package.js';
export { parseGenerateOptions, type GenerateOptions, type RawGenerateOptions } from './generate/generate-options.js';
export type { GenerateResult } from './generate/generate-result.js';
export { EXIT_CODES } from './exit-codes.js';
export { UsageError } from './usage-error.js';
