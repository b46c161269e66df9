import type { MigrationObject } from '@mikro-orm/core';
import { Migration20251126000000InitialSchema } from './migration-20251126000000-initial-schema.js';
import { Migration20261203140000StepRunWorkerId } from './migration-20261203140000-step-run-worker-id.js';

/** Every migration, in order. Listed explicitly so they run the same from `src` (tsx) and `dist`. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20251126000000InitialSchema', class: Migration20251126000000InitialSchema },
  { name: 'Migration20261203140000StepRunWorkerId', class: Migration20261203140000StepRunWorkerId },
];
