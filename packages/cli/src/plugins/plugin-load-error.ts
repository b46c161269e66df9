import { ConfigError } from '../config/config-error.js';

/** A plugin package that could not be loaded. A `ConfigError`, so the command exits with code 2. */
export class PluginLoadError extends ConfigError {
  constructor(
    /** The package as named in the config file or `LOOPLY_PLUGINS`. */
    readonly packageName: string,
    message: string,
  ) {
    super('plugins', `plugin package ${packageName}: ${message}`);
  }
}
