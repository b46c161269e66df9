/**
 * The composition root's injection tokens. Each names one shared part of a `looply` command; a
 * command resolves what it needs from its child container (see composition-root.ts), and an embedder
 * or a test replaces a part by registering another value under the same token.
 *
 * | token | value |
 * |---|---|
 * | `CliContext` | `CliContext`: stdout, stderr, environment, working directory |
 * | `Settings` | `CliConfig`: the validated environment and config file |
 * | `PluginPackages` | `ProviderPackage[]`: third-party plugins loaded from the config file / `LOOPLY_PLUGINS` |
 * | `ArtifactUrls` | `() => Promise<ArtifactUrlSigner>`: signed artifact URLs for remote providers |
 * | `ProviderPackages` | `ProviderPackage[]`: the bundled packages, then the plugins |
 * | `Providers` | `SelectedProviders`: the provider registry and the default id per step |
 * | `Logger` | a bunyan `Logger` |
 * | `Database` | `DatabaseConnection`: Postgres (embedded unless `DATABASE_URL`), started on first use |
 * | `ArtifactStore` | `Promise<ArtifactStore>` (`createArtifactStore`: `LOOPLY_ARTIFACTS`, local folder or S3 bucket) or an `ArtifactStore` |
 * | `AllowLocalMusicFiles` | `boolean`: whether a brief's `music.source` may name a local file (`generate` only; false by default) |
 * | `MusicUrlFetch` | `typeof fetch` or false: when a fetch, a brief's http(s) `music.source` is downloaded with it (`serve`/`worker`: the SSRF-checked fetch; false by default: music URLs off) |
 * | `OutputCheck` | `OutputCheck \| null`: measures each rendered video (`createVideoOutputCheck`), null when `LOOPLY_QUALITY_CHECK=off` |
 * | `EngineFactory` | `EngineFactory`: builds the engine from the parts above |
 * | `ServerEnvironment` | `ServerEnvironment` of `@looply/server` (`serve` and `worker` only) |
 */
export const TOKENS = {
  CliContext: Symbol.for('@looply/core:CliContext'),
  Settings: Symbol.for('@looply/core:Settings'),
  PluginPackages: Symbol.for('@looply/core:PluginPackages'),
  ArtifactUrls: Symbol.for('@looply/core:ArtifactUrls'),
  ProviderPackages: Symbol.for('@looply/core:ProviderPackages'),
  Providers: Symbol.for('@looply/core:Providers'),
  Logger: Symbol.for('@looply/core:Logger'),
  Database: Symbol.for('@looply/core:Database'),
  ArtifactStore: Symbol.for('@looply/core:ArtifactStore'),
  AllowLocalMusicFiles: Symbol.for('@looply/core:AllowLocalMusicFiles'),
  MusicUrlFetch: Symbol.for('@looply/core:MusicUrlFetch'),
  OutputCheck: Symbol.for('@looply/core:OutputCheck'),
  EngineFactory: Symbol.for('@looply/core:EngineFactory'),
  ServerEnvironment: Symbol.for('@looply/core:ServerEnvironment'),
} as const;
