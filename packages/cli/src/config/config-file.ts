import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeZodError, STEP_KINDS } from '@looply/core';
import { z } from 'zod';
import { ConfigError } from './config-error.js';

/** The names looked for, in this order, in the working directory and then in each parent folder. */
export const CONFIG_FILE_NAMES = ['looply.config.js', 'looply.config.mjs', 'looply.config.json'] as const;
export const CONFIG_FILE_VARIABLE = 'LOOPLY_CONFIG';

const packageNameSchema = z
  .string()
  .min(1)
  .regex(
    /^(@[a-z0-9._~-]+\/)?[a-z0-9._~-]+$|^\.{1,2}\/|^\//,
    'must be an npm package name such as "looply-provider-acme" or a relative path',
  );

const pluginEntrySchema = z.union([
  packageNameSchema.transform((name) => ({ package: name, settings: {} as Record<string, unknown> })),
  z.strictObject({ package: packageNameSchema, settings: z.record(z.string(), z.unknown()).default({}) }),
]);

const providerIdSchema = z.string().regex(/^(auto|[a-z0-9][a-z0-9._-]*)$/, 'must be "auto" or a provider id');

/** `looply.config.{js,mjs,json}`: plugin packages to load and the default provider per step. */
export const configFileSchema = z.strictObject({
  /** Package names (resolved from the config file's folder), or `{ package, settings }`. */
  plugins: z.array(pluginEntrySchema).default([]),
  /** Provider id per step; `LOOPLY_<STEP>_PROVIDER` wins over it. */
  providers: z
    .strictObject(
      Object.fromEntries(STEP_KINDS.map((step) => [step, providerIdSchema.optional()])) as Record<
        (typeof STEP_KINDS)[number],
        z.ZodOptional<typeof providerIdSchema>
      >,
    )
    .default({}),
});

export type ConfigFile = z.output<typeof configFileSchema>;
export type PluginReference = ConfigFile['plugins'][number];

export interface LoadedConfigFile {
  /** Absolute path of the file; undefined when there is none. */
  path: string | undefined;
  /** The folder plugin packages resolve from: the file's folder, else the working directory. */
  folder: string;
  content: ConfigFile;
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (entry) => entry.isFile(),
    () => false,
  );
}

/** The config file named by `LOOPLY_CONFIG`, else the first `looply.config.*` from `cwd` upward. */
export async function findConfigFile(
  environment: Record<string, string | undefined>,
  cwd: string,
): Promise<string | undefined> {
  const configured = environment[CONFIG_FILE_VARIABLE]?.trim();
  if (configured) {
    const path = resolve(cwd, configured);
    if (!(await isFile(path)))
      throw new ConfigError(
        CONFIG_FILE_VARIABLE,
        `invalid environment variable ${CONFIG_FILE_VARIABLE}="${configured}": no file at ${path}`,
      );
    return path;
  }
  for (let folder = resolve(cwd); ; folder = dirname(folder)) {
    for (const name of CONFIG_FILE_NAMES) {
      if (await isFile(join(folder, name))) return join(folder, name);
    }
    if (dirname(folder) === folder) return undefined;
  }
}

/** Finds, reads and validates the config file. Throws a `ConfigError` naming the file and the bad field. */
export async function loadConfigFile(
  environment: Record<string, string | undefined>,
  cwd: string,
): Promise<LoadedConfigFile> {
  const path = await findConfigFile(environment, cwd);
  if (!path) return { path: undefined, folder: resolve(cwd), content: configFileSchema.parse({}) };
  let raw: unknown;
  try {
    raw = path.endsWith('.json')
      ? JSON.parse(await readFile(path, 'utf8'))
      : ((await import(pathToFileURL(path).href)) as { default?: unknown }).default;
  } catch (error) {
    throw new ConfigError(
      CONFIG_FILE_VARIABLE,
      `cannot read the config file ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(CONFIG_FILE_VARIABLE, `invalid config file ${describeZodError(parsed.error, path)}`);
  return { path, folder: dirname(path), content: parsed.data };
}
