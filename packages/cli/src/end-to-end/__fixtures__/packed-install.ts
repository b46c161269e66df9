import { execFile } from 'node:child_process';
import { cp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPOSITORY = fileURLToPath(new URL('../../../../../', import.meta.url));

/** Every workspace package `@looply/cli` needs at run time, in dependency order. */
export const PACKED_PACKAGES = [
  'core',
  'storage-s3',
  'providers-local',
  'providers-openai',
  'providers-elevenlabs',
  'providers-vast',
  'providers-shotstack',
  'web',
  'server',
  'cli',
];

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * What npm needs of the caller's environment to reach its registry: a proxy and the CAs that sign it
 * (a Node from the `node` npm package trusts only its bundled CAs, not the system's).
 */
const NETWORK_VARIABLES = /^(https?_proxy|no_proxy|node_extra_ca_certs|ssl_cert_file|ssl_cert_dir)$/i;

function networkEnvironment(): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => NETWORK_VARIABLES.test(name)));
}

/**
 * Runs a command to its end with a clean environment (plus the network variables and `environment`);
 * never rejects on a non-zero exit.
 */
export function run(
  command: string,
  args: string[],
  cwd: string,
  environment: Record<string, string | undefined> = {},
): Promise<CommandResult> {
  return new Promise((resolvePromise) => {
    execFile(
      command,
      args,
      {
        cwd,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...networkEnvironment(), ...environment },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        resolvePromise({ exitCode: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** Fails with the command's output when it did not exit 0. */
export async function runOrFail(
  command: string,
  args: string[],
  cwd: string,
  environment: Record<string, string | undefined> = {},
): Promise<CommandResult> {
  const result = await run(command, args, cwd, environment);
  if (result.exitCode !== 0)
    throw new Error(
      `${command} ${args.join(' ')} (in ${cwd}) exited ${result.exitCode}:\n${result.stdout}\n${result.stderr}`,
    );
  return result;
}

/** Builds the workspace (`tsc -b`: packages export `dist/`) and packs each package with `pnpm pack` into `destination`. */
export async function packWorkspace(destination: string): Promise<string[]> {
  await runOrFail(process.execPath, [join(REPOSITORY, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'], REPOSITORY);
  for (const name of PACKED_PACKAGES)
    await runOrFail('pnpm', ['pack', '--pack-destination', destination], join(REPOSITORY, 'packages', name));
  return (await readdir(destination)).filter((file) => file.endsWith('.tgz')).map((file) => join(destination, file));
}

/** Copies the provider template (without node_modules and dist) to `destination`. */
export async function copyTemplate(destination: string): Promise<void> {
  const source = join(REPOSITORY, 'examples', 'provider-template');
  await cp(source, destination, {
    recursive: true,
    filter: (path) => !/[/\\](node_modules|dist)([/\\]|$)/.test(path.slice(source.length)),
  });
}

/** `npm install` flags for a quiet, cache-friendly install. */
export const NPM_INSTALL = ['install', '--no-audit', '--no-fund', '--prefer-offline'];
