import { Migrator } from '@mikro-orm/migrations';
import { MikroORM } from '@mikro-orm/postgresql';
import type Logger from 'bunyan';
import { MIGRATIONS } from './migrations/migration-list.js';
import { StepRunEntity } from './step-run-entity.js';
import { VideoJobEntity } from './video-job-entity.js';

export interface CreateOrmOptions {
  databaseUrl: string;
  /** Postgres schema of our tables (validated by the caller). */
  schema: string;
  /** Connections the ORM may open. */
  poolSize?: number;
  logger: Logger;
}

/** The entities core owns. */
export const LOOPLY_ENTITIES = [VideoJobEntity, StepRunEntity];

/** Connects MikroORM to `databaseUrl` with our entities and migrations, tables in `schema`. */
export async function createOrm(options: CreateOrmOptions): Promise<MikroORM> {
  const log = options.logger.child({ component: 'orm' });
  return MikroORM.init({
    clientUrl: options.databaseUrl,
    schema: options.schema,
    entities: LOOPLY_ENTITIES,
    extensions: [Migrator],
    pool: { min: 0, max: options.poolSize ?? 4 },
    // Every unit of work forks its own EntityManager; the global one must never be used.
    allowGlobalContext: false,
    discovery: { warnWhenNoEntities: false },
    preferTs: false,
    debug: false,
    logger: (message) => log.debug(message),
    migrations: {
      migrationsList: MIGRATIONS,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
  });
}
