// `pnpm dev-cluster [--workers 2] [--port 3000]`: the scale-out deployment on one machine, for
// trying it without Docker. One embedded Postgres, one S3-protocol server (s3rver, bucket `looply`),
// `looply serve --no-worker` and N `looply worker` processes, each with its own LOOPLY_HOME (they
// share nothing on disk: only the database and the bucket). Ctrl-C stops everything.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { resolveDatabase } from '../packages/core/src/index.js';
import { startS3rver } from '../packages/storage-s3/src/testing/index.js';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: '2' },
    port: { type: 'string', default: '3000' },
    's3-port': { type: 'string', default: '4569' },
  },
});
const workers = Number(values.workers);
if (!Number.isInteger(workers) || workers < 1 || workers > 16) {
  process.stderr.write('dev-cluster: --workers must be a whole number from 1 to 16\n');
  process.exit(2);
}

const root = resolve(process.env.LOOPLY_HOME ?? '.looply', 'cluster');
const bin = fileURLToPath(new URL('../packages/cli/src/bin.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

const database = await resolveDatabase({
  LOOPLY_HOME: join(root, 'database'),
  LOOPLY_PG_PORT: process.env.LOOPLY_PG_PORT ?? '54339',
});
await mkdir(join(root, 's3'), { recursive: true });
const s3 = await startS3rver({
  buckets: ['looply'],
  port: Number(values['s3-port']),
  directory: join(root, 's3'),
  // The studio at http://localhost:3000 follows the video's redirect to the bucket with fetch (CORS).
  corsOrigins: ['http://localhost:*', 'http://127.0.0.1:*'],
});
process.stdout.write(`Postgres ${database.url.replace(/:[^:@/]+@/, ':***@')}\nS3 ${s3.endpoint} (bucket looply)\n`);

const environment = {
  ...process.env,
  DATABASE_URL: database.url,
  LOOPLY_ARTIFACTS: 's3://looply/dev-cluster',
  AWS_ENDPOINT_URL: s3.endpoint,
  AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

const children: ChildProcess[] = [];
const run = (name: string, args: string[]): void => {
  const child = spawn(process.execPath, ['--conditions=looply-source', `--import=${tsx}`, bin, ...args], {
    env: { ...environment, LOOPLY_HOME: join(root, name) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (chunk: Buffer) => chunk.toString('utf8').replace(/^(?=.)/gm, `[${name}] `);
  child.stdout!.on('data', (chunk: Buffer) => process.stdout.write(prefix(chunk)));
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(prefix(chunk)));
  child.once('exit', (code) => process.stdout.write(`[${name}] exited ${code}\n`));
  children.push(child);
};

// The API first: it migrates; the workers then start against a ready schema (a concurrent start is safe too).
run('api', ['serve', '--no-worker', '--port', values.port]);
for (let index = 1; index <= workers; index++) run(`worker-${index}`, ['worker']);

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  process.stdout.write('dev-cluster: stopping\n');
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
        }),
    ),
  );
  await s3.stop();
  await database.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
