import type { MigrationObject } from '@mikro-orm/core';
import { Migration20251126000000InitialSchema } from './migration-20251126000000-initial-schema.js';

/** Every migration, in order. Listed explicitly so they run the same from `src` (tsx) and `dist`. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20251126000000InitialSchema', class: Migration20251126000000InitialSchema },
];
