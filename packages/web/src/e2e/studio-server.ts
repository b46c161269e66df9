import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CLI_BIN = fileURLToPath(new URL('../../../cli/src/bin.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface StudioServer {
  baseUrl: string;
  output(): string;
  stop(): Promise<void>;
}

/** `looply serve` as a user runs it (offline providers, in-process workers), on a given database. */
export async function startStudioServer(options: {
  databaseUrl: string;
  home: string;
  adminEmails: string;
  /** More environment (an S3 bucket for the artifacts, say). */
  env?: Record<string, string>;
}): Promise<StudioServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    ['--conditions=looply-source', `--import=${TSX}`, CLI_BIN, 'serve', '--port', String(port), '--concurrency', '4'],
    {
      cwd: options.home,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: options.databaseUrl,
        LOOPLY_HOME: options.home,
        JWT_SECRET: randomBytes(32).toString('hex'),
        PUBLIC_BASE_URL: baseUrl,
        HOST: '127.0.0.1',
        LOOPLY_ADMIN_EMAILS: options.adminEmails,
        LOG_LEVEL: 'warn',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`looply serve did not start in 60 s:\n${output}`)), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`looply serve exited ${code}:\n${output}`));
    });
    child.stdout!.on('data', () => {
      if (output.includes('Looply API listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    baseUrl,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
