import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI_BIN = fileURLToPath(new URL('../bin.ts', import.meta.url));

/** The child's environment: no vendor keys or Looply settings inherited from this shell. */
function childEnvironment(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(OPENAI|ELEVENLABS|VAST|WAN|SHOTSTACK|JWT|LOOPLY|DATABASE_URL|PORT|PUBLIC_BASE_URL|HOST)/.test(name))
      environment[name] = value;
  }
  return { ...environment, ...overrides };
}

export interface ServeProcess {
  child: ChildProcess;
  output: () => string;
  stop(): Promise<number | null>;
}

/** Starts `looply serve` from source on `port` and resolves once it listens; rejects with its output if it exits first. */
export async function startServe(environment: Record<string, string>, port: number): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    ['--conditions=looply-source', '--import=tsx', CLI_BIN, 'serve', '--port', String(port), '--concurrency', '2'],
    {
      env: childEnvironment({ HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...environment }),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`looply serve did not start within 120 s; output:\n${output}`)),
      120_000,
    );
    const check = () => {
      if (/Looply API listening on/.test(output)) {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        child.off('exit', exited);
        resolve();
      }
    };
    const exited = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`looply serve exited with ${code}; output:\n${output}`));
    };
    child.stdout?.on('data', check);
    child.once('exit', exited);
  });
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      return exited;
    },
  };
}
