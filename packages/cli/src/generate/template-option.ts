import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  BUILT_IN_TEMPLATE_NAMES,
  describeZodError,
  findBuiltInTemplate,
  videoTemplateSchema,
  type VideoTemplate,
} from '@looply/core';
import { UsageError } from '../usage-error.js';

/**
 * `--template NAME` (a built-in template) or `--template FILE` (a JSON template: name,
 * structure, presets). A value naming an existing file, or ending in `.json`, is read as a file.
 */
export async function readTemplateOption(value: string | undefined, cwd: string): Promise<VideoTemplate | undefined> {
  if (value === undefined) return undefined;
  const path = resolve(cwd, value);
  const isFile = await stat(path).then(
    (entry) => entry.isFile(),
    () => false,
  );
  if (!isFile && !value.endsWith('.json')) {
    const builtIn = findBuiltInTemplate(value);
    if (builtIn) return builtIn;
    throw new UsageError(
      '--template',
      `--template ${JSON.stringify(value)} is not allowed: use a built-in template (${BUILT_IN_TEMPLATE_NAMES.join(', ')}) or a JSON template file`,
    );
  }
  if (!isFile)
    throw new UsageError('--template', `--template ${JSON.stringify(value)} is not allowed: no file at ${path}`);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new UsageError(
      '--template',
      `--template ${JSON.stringify(value)} is not allowed: ${path} is not JSON (${(error as Error).message.split('\n')[0]})`,
    );
  }
  const parsed = videoTemplateSchema.safeParse(json);
  if (!parsed.success)
    throw new UsageError(
      '--template',
      `--template ${JSON.stringify(value)} is not allowed: ${describeZodError(parsed.error, path)}`,
    );
  return parsed.data;
}
