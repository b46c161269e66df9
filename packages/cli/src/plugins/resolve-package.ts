import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** An installed package: where its entry file is and what its package.json says. */
export interface ResolvedPackage {
  name: string;
  version: string | undefined;
  /** Absolute path of the file `import` loads. */
  entry: string;
  folder: string;
}

/** Conditions a plain `node` import matches, as Node applies them (object key order decides). */
const IMPORT_CONDITIONS = new Set(['node', 'import', 'default']);

type ExportsField = string | null | ExportsField[] | { [key: string]: ExportsField };

function exportTarget(exports: ExportsField): string | undefined {
  if (typeof exports === 'string') return exports;
  if (Array.isArray(exports)) return exports.map(exportTarget).find((target) => target !== undefined);
  if (exports === null || typeof exports !== 'object') return undefined;
  // `{ ".": … }` (subpath map) or a conditions object.
  if ('.' in exports) return exportTarget(exports['.']);
  for (const [condition, target] of Object.entries(exports)) {
    if (IMPORT_CONDITIONS.has(condition)) {
      const found = exportTarget(target);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

async function readPackageJson(folder: string): Promise<Record<string, unknown> | undefined> {
  try {
    return JSON.parse(await readFile(join(folder, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (entry) => entry.isFile(),
    () => false,
  );
}

/**
 * Finds `name` the way Node would from a file in `fromFolder` (each `node_modules` from there up),
 * so a plugin resolves from the user's project, not from the CLI's own install. A name starting
 * with `.` or `/` is a path (a folder with a package.json, or a file) relative to `fromFolder`.
 * Resolves undefined when it is not installed.
 */
export async function resolvePackage(name: string, fromFolder: string): Promise<ResolvedPackage | undefined> {
  const isPath = name.startsWith('.') || isAbsolute(name);
  if (isPath && (await isFile(resolve(fromFolder, name)))) {
    return { name, version: undefined, entry: resolve(fromFolder, name), folder: dirname(resolve(fromFolder, name)) };
  }
  const candidates: string[] = [];
  if (isPath) candidates.push(resolve(fromFolder, name));
  else
    for (let folder = resolve(fromFolder); ; folder = dirname(folder)) {
      candidates.push(join(folder, 'node_modules', name));
      if (dirname(folder) === folder) break;
    }
  for (const folder of candidates) {
    const manifest = await readPackageJson(folder);
    if (!manifest) continue;
    // `exports` first; a package without an import target there (CommonJS-only) still loads from `main`.
    const target =
      (manifest.exports !== undefined ? exportTarget(manifest.exports as ExportsField) : undefined) ??
      (typeof manifest.main === 'string' ? manifest.main : 'index.js');
    return {
      name: typeof manifest.name === 'string' ? manifest.name : name,
      version: typeof manifest.version === 'string' ? manifest.version : undefined,
      entry: resolve(folder, target),
      folder,
    };
  }
  return undefined;
}
