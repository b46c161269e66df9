import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import { runCli, type RunCliOptions } from '../../cli-program.js';

const corePackage = fileURLToPath(new URL('../../../../core', import.meta.url));

/** A project folder outside the workspace, with `@looply/core` and `zod` installed (linked) in its node_modules. */
export async function createPluginProject(): Promise<string> {
  const project = await mkdtemp(join(tmpdir(), 'looply-plugin-project-'));
  await mkdir(join(project, 'node_modules', '@looply'), { recursive: true });
  await symlink(corePackage, join(project, 'node_modules', '@looply', 'core'), 'dir');
  await symlink(join(corePackage, 'node_modules', 'zod'), join(project, 'node_modules', 'zod'), 'dir');
  return project;
}

/** Writes an ESM package `name` into `<project>/node_modules` whose entry is `source`. */
export async function writePluginPackage(
  project: string,
  name: string,
  source: string,
  version = '1.0.0',
): Promise<void> {
  const folder = join(project, 'node_modules', name);
  await mkdir(folder, { recursive: true });
  await writeFile(
    join(folder, 'package.json'),
    JSON.stringify({ name, version, type: 'module', exports: { '.': { import: './index.js' } } }),
  );
  await writeFile(join(folder, 'index.js'), source);
}

/** A plugin package source: `definePlugin` with a mock visual provider registered under `id`. */
export function mockVisualPluginSource(id: string, extra = ''): string {
  return `import { definePlugin } from '@looply/core';
import { createMockVisualProvider } from '@looply/core/testing';
import { z } from 'zod';
export default definePlugin({
  id: '${id}',
  settingsSchema: z.strictObject({ colour: z.enum(['red', 'blue']).default('red') }),
  requiredVariables: ['ACME_API_KEY'],
  autoSteps: ['visual'],
  create: ({ settings, environment }) => {
    ${extra}
    return { name: '${id}', register: (registry) => registry.register(createMockVisualProvider({ id: '${id}' })) };
  },
});
`;
}

export async function writeJson(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(value, null, 2));
}

/** Runs `looply <args>` in process and captures its output. */
export async function runLooply(
  args: string[],
  cwd: string,
  environment: Record<string, string> = {},
  options: RunCliOptions = {},
) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exitCode = await runCli(
    ['node', 'looply', ...args],
    { stdout, stderr, environment: { LOOPLY_HOME: join(cwd, '.looply'), ...environment }, cwd },
    options,
  );
  return { exitCode, stdout: out, stderr: err };
}
