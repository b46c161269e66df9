import { createRequire } from 'node:module';
import type PgModule from 'pg';
import type * as ZodModule from 'zod';

// Packages as core resolves them: the bench is not a package of its own.
const require = createRequire(new URL('../../packages/core/package.json', import.meta.url));
export const pg = require('pg') as typeof PgModule;
export const z = (require('zod') as typeof ZodModule).z;
