import type Logger from 'bunyan';
import { createEngine, type ArtifactStore, type Engine, type OutputCheck, type WorkerOptions } from '@looply/core';
import type { SelectedProviders } from '../providers/select-providers.js';
import type { DatabaseConnection } from './database-connection.js';
import { injectableWith } from './injectable-with.js';
import { TOKENS } from './tokens.js';

export interface CreateEngineOptions {
  worker?: WorkerOptions;
}

/** Builds the engine of a command from the providers, artifact store, logger and database it was given. */
export class EngineFactory {
  constructor(
    private readonly providers: SelectedProviders,
    private readonly artifacts: ArtifactStore | Promise<ArtifactStore>,
    private readonly logger: Logger,
    private readonly database: DatabaseConnection,
    private readonly outputCheck: OutputCheck | null,
  ) {}

  /** A new engine, not started (`engine.start()` migrates and connects). */
  async create(options: CreateEngineOptions = {}): Promise<Engine> {
    return createEngine({
      databaseUrl: await this.database.url(),
      registry: this.providers.registry,
      artifacts: await this.artifacts,
      defaults: this.providers.defaults,
      logger: this.logger,
      ...(options.worker ? { worker: options.worker } : {}),
      // Every video this process renders is checked against the output standards (unless turned off).
      ...(this.outputCheck ? { outputCheck: this.outputCheck } : {}),
    });
  }
}

injectableWith(EngineFactory, [
  TOKENS.Providers,
  TOKENS.ArtifactStore,
  TOKENS.Logger,
  TOKENS.Database,
  TOKENS.OutputCheck,
]);
