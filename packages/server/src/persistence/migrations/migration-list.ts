import type { MigrationObject } from '@mikro-orm/core';
import { Migration20251126100000ServerSchema } from './migration-20251126100000-server-schema.js';
import { Migration20261203100000UserTemplates } from './migration-20261203100000-user-templates.js';
import { Migration20261203120000UserAdmin } from './migration-20261203120000-user-admin.js';
import { Migration20261203130000KnownLoginClient } from './migration-20261203130000-known-login-client.js';

/** Every server migration, in order (listed so they run the same from `src` and `dist`). */
export const SERVER_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20251126100000ServerSchema', class: Migration20251126100000ServerSchema },
  { name: 'Migration20261203100000UserTemplates', class: Migration20261203100000UserTemplates },
  { name: 'Migration20261203120000UserAdmin', class: Migration20261203120000UserAdmin },
  { name: 'Migration20261203130000KnownLoginClient', class: Migration20261203130000KnownLoginClient },
];
