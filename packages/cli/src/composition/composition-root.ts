import 'reflect-metadata';
import {
  container as globalContainer,
  instancePerContainerCachingFactory,
  Lifecycle,
  type DependencyContainer,
} from 'tsyringe';
import { createVideoOutputCheck } from '@looply/providers-local';
import type { CliContext } from '../cli-context.js';
import { loadConfig, type CliConfig } from '../config/cli-config.js';
import { createArtifactStore } from '../artifacts/create-artifact-store.js';
import { createCliLogger } from '../logging/create-cli-logger.js';
import { loadPlugins } from '../plugins/load-plugins.js';
import { localArtifactUrls } from '../providers/local-artifact-urls.js';
import type { ProviderPackage } from '../providers/provider-package.js';
import { providerPackages } from '../providers/provider-packages.js';
import { selectProviders } from '../providers/select-providers.js';
import { DatabaseConnection } from './database-connection.js';
import { EngineFactory } from './engine-factory.js';
import { TOKENS } from './tokens.js';

/** Changes registrations of the root before any command uses it (tests, embedders). */
export type ConfigureContainer = (root: DependencyContainer) => void;

const perCommand = <T>(factory: (scope: DependencyContainer) => T) => ({
  useFactory: instancePerContainerCachingFactory(factory),
});

/**
 * The composition root of one `looply` run: every shared part registered once, under `TOKENS`.
 * Commands never build parts themselves; each opens its own child container (`openCommandScope`), so
 * its instances (logger, database, engine) live and die with it. tsyringe's global container is never
 * written to.
 */
export function createCompositionRoot(context: CliContext, configure?: ConfigureContainer): DependencyContainer {
  const root = globalContainer.createChildContainer();
  root.registerInstance(TOKENS.CliContext, context);
  root.register(
    TOKENS.ArtifactUrls,
    perCommand((scope) => localArtifactUrls(scope.resolve<CliConfig>(TOKENS.Settings))),
  );
  root.register(
    TOKENS.ProviderPackages,
    perCommand((scope): readonly ProviderPackage[] => [
      ...providerPackages({
        artifactUrls: scope.resolve(TOKENS.ArtifactUrls),
        allowLocalMusicFiles: scope.resolve<boolean>(TOKENS.AllowLocalMusicFiles),
        musicUrlFetch: scope.resolve<typeof fetch | false>(TOKENS.MusicUrlFetch),
      }),
      ...scope.resolve<ProviderPackage[]>(TOKENS.PluginPackages),
    ]),
  );
  root.register(
    TOKENS.Providers,
    perCommand((scope) => selectProviders(scope.resolve(TOKENS.Settings), scope.resolve(TOKENS.ProviderPackages))),
  );
  root.register(
    TOKENS.Logger,
    perCommand((scope) => {
      const settings = scope.resolve<CliConfig>(TOKENS.Settings);
      return createCliLogger({
        home: settings.home,
        level: settings.logLevel,
        stderr: scope.resolve<CliContext>(TOKENS.CliContext).stderr,
      });
    }),
  );
  // A promise: an S3 bucket is checked once when the store is first resolved.
  root.register(
    TOKENS.ArtifactStore,
    perCommand((scope) => createArtifactStore(scope.resolve<CliConfig>(TOKENS.Settings).artifacts)),
  );
  // Music files named in a brief are read only where the brief comes from the machine's own user (`generate` says so).
  root.registerInstance(TOKENS.AllowLocalMusicFiles, false);
  // Music URLs are downloaded only with a fetch that checks them (`serve`/`worker` register the SSRF-checked one).
  // (false, not null: tsyringe takes a null value for no registration.)
  root.registerInstance(TOKENS.MusicUrlFetch, false);
  root.register(
    TOKENS.OutputCheck,
    perCommand((scope) => {
      const settings = scope.resolve<CliConfig>(TOKENS.Settings);
      if (!settings.qualityCheck) return null;
      return createVideoOutputCheck({ ffmpegPath: settings.ffmpegPath, ffprobePath: settings.ffprobePath });
    }),
  );
  root.register(TOKENS.Database, { useClass: DatabaseConnection }, { lifecycle: Lifecycle.ContainerScoped });
  root.register(TOKENS.EngineFactory, { useClass: EngineFactory }, { lifecycle: Lifecycle.ContainerScoped });
  configure?.(root);
  return root;
}

/**
 * A command's child container, with its settings (environment + config file) and plugin packages
 * loaded: a bad variable, config file or plugin throws a `ConfigError` (the command exits 2) before
 * anything starts. A value already registered for `Settings` or `PluginPackages` is kept.
 */
export async function openCommandScope(root: DependencyContainer): Promise<DependencyContainer> {
  const scope = root.createChildContainer();
  const context = scope.resolve<CliContext>(TOKENS.CliContext);
  if (!scope.isRegistered(TOKENS.Settings, true))
    scope.registerInstance(TOKENS.Settings, await loadConfig(context.environment, context.cwd));
  if (!scope.isRegistered(TOKENS.PluginPackages, true)) {
    const settings = scope.resolve<CliConfig>(TOKENS.Settings);
    const plugins = await loadPlugins({
      plugins: settings.plugins,
      folder: settings.configFile.folder,
      environment: context.environment,
      taken: providerPackages(),
    });
    scope.registerInstance(TOKENS.PluginPackages, plugins);
  }
  return scope;
}

/** Stops what the command's scope started (the embedded Postgres). */
export async function closeCommandScope(scope: DependencyContainer): Promise<void> {
  await scope.resolve<DatabaseConnection>(TOKENS.Database).stop();
}

/** `openCommandScope` on the context's composition root (a new root when the context has none). */
export async function openScopeFor(context: CliContext): Promise<DependencyContainer> {
  return openCommandScope(context.compositionRoot ? await context.compositionRoot() : createCompositionRoot(context));
}
