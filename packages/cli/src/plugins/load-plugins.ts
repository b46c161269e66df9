import { pathToFileURL } from 'node:url';
import {
  describeZodError,
  isLooplyPluginFactory,
  ProviderRegistry,
  STEP_KINDS,
  type LooplyPlugin,
  type LooplyPluginFactory,
} from '@looply/core';
import type { PluginReference } from '../config/config-file.js';
import type { ProviderPackage } from '../providers/provider-package.js';
import { PluginLoadError } from './plugin-load-error.js';
import { resolvePackage } from './resolve-package.js';

export interface LoadPluginsOptions {
  /** The plugin packages to load (`CliConfig.plugins`). */
  plugins: readonly PluginReference[];
  /** Where packages resolve from: the config file's folder, else the working directory. */
  folder: string;
  environment: Readonly<Record<string, string | undefined>>;
  /** Packages already in use (the bundled ones): a plugin may not register a step and id one of them has. */
  taken: readonly ProviderPackage[];
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function factoryOf(module: Record<string, unknown>): LooplyPluginFactory | undefined {
  const candidates = [
    module.default,
    module.looplyPlugin,
    (module.default as Record<string, unknown> | undefined)?.default,
  ];
  return candidates.find(isLooplyPluginFactory);
}

/**
 * Loads third-party plugin packages into `ProviderPackage`s, in order. Each failure is a
 * `PluginLoadError` naming the package: not installed, exports no plugin, bad settings, the plugin
 * throws, or it registers a step and id another package already has.
 */
export async function loadPlugins(options: LoadPluginsOptions): Promise<ProviderPackage[]> {
  const loaded: ProviderPackage[] = [];
  for (const reference of options.plugins) {
    const name = reference.package;
    const resolved = await resolvePackage(name, options.folder);
    if (!resolved) {
      throw new PluginLoadError(
        name,
        `is not installed (looked in node_modules from ${options.folder} up); install it next to your config file, e.g. npm install ${name}`,
      );
    }
    let module: Record<string, unknown>;
    try {
      module = (await import(pathToFileURL(resolved.entry).href)) as Record<string, unknown>;
    } catch (error) {
      throw new PluginLoadError(name, `could not be imported from ${resolved.entry}: ${message(error)}`);
    }
    const factory = factoryOf(module);
    if (!factory) {
      throw new PluginLoadError(
        name,
        'exports no Looply plugin: export default definePlugin({ id, create }) (definePlugin from @looply/core), or export it as looplyPlugin',
      );
    }
    const settings = factory.settingsSchema.safeParse(reference.settings);
    if (!settings.success)
      throw new PluginLoadError(name, `invalid settings: ${describeZodError(settings.error, 'settings')}`);

    let plugin: LooplyPlugin;
    const probe = new ProviderRegistry();
    try {
      plugin = factory.create({ settings: settings.data, environment: options.environment });
      probe.use(plugin);
    } catch (error) {
      throw new PluginLoadError(name, `its plugin "${factory.id}" threw while starting: ${message(error)}`);
    }
    const steps = STEP_KINDS.filter((step) => probe.ids(step).length > 0);
    if (steps.length === 0) throw new PluginLoadError(name, `its plugin "${factory.id}" registers no provider`);
    for (const step of steps) {
      const stranger = probe.ids(step).find((id) => id !== factory.id);
      if (stranger)
        throw new PluginLoadError(
          name,
          `its plugin "${factory.id}" registers a ${step} provider under another id, "${stranger}": use "${factory.id}"`,
        );
      const owner = [...options.taken, ...loaded].find((pack) => pack.id === factory.id && pack.steps.includes(step));
      if (owner)
        throw new PluginLoadError(
          name,
          `registers the ${step} provider id "${factory.id}", which ${owner.packageName} already registers`,
        );
    }
    const required = factory.requiredVariables;
    loaded.push({
      id: factory.id,
      packageName: resolved.name,
      version: resolved.version,
      steps,
      autoSteps: factory.autoSteps.filter((step) => steps.includes(step)),
      requiredVariables: () =>
        Object.fromEntries(required.map((variable) => [variable, options.environment[variable]?.trim() || undefined])),
      plugin: () => plugin,
    });
  }
  return loaded;
}
