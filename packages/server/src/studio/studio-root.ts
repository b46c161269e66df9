import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Where the built studio is: the configured folder, or `dist` of the `@looply/web` package next to
 * the server. Returns null when the package is not installed (the server then serves the API only).
 */
export function findStudioRoot(configured: string | null | undefined): string | null {
  if (configured === null) return null;
  if (configured !== undefined) return configured;
  try {
    const manifest = createRequire(import.meta.url).resolve('@looply/web/package.json');
    return join(dirname(manifest), 'dist');
  } catch {
    return null;
  }
}

export function isStudioBuilt(root: string): boolean {
  return existsSync(join(root, 'index.html'));
}
