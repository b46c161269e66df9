import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { findFreePort } from '../../__fixtures__/find-free-port.js';
import { runCliProcess, type CliProcessResult } from '../../__fixtures__/run-cli-process.js';

export interface GenerateWorkspace {
  /** The current test's working folder; the video goes to `video.mp4` in it. */
  readonly path: string;
  /**
   * Runs `looply generate --json` (10 s, enthusiastic, about solar power) in the workspace, with its own
   * LOOPLY_HOME and embedded Postgres port plus `environment`; fails the test if it outlives `timeoutMs`.
   */
  generate(environment: Record<string, string | undefined>, timeoutMs: number): Promise<CliProcessResult>;
}

/** Registers mocha hooks giving each test of the calling `describe` a fresh workspace folder, removed after it. */
export function useGenerateWorkspace(prefix: string): GenerateWorkspace {
  let workspace: string | undefined;

  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), prefix));
    // Run as root, the embedded Postgres drops to the "postgres" user, which must reach LOOPLY_HOME.
    await chmod(workspace, 0o755);
  });
  afterEach(async () => {
    if (workspace) await rm(workspace, { recursive: true, force: true });
    workspace = undefined;
  });

  const current = (): string => {
    if (!workspace) throw new Error('The generate workspace exists only inside a test');
    return workspace;
  };

  return {
    get path() {
      return current();
    },
    async generate(environment, timeoutMs) {
      const path = current();
      const run = await runCliProcess(
        [
          'generate',
          '--topic',
          'solar power',
          '--tone',
          'enthusiastic',
          '--duration',
          '10',
          '--json',
          '--out',
          join(path, 'video.mp4'),
        ],
        {
          cwd: path,
          environment: {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            LOOPLY_HOME: join(path, 'home'),
            LOOPLY_PG_PORT: String(await findFreePort()),
            LOG_LEVEL: 'warn',
            ...environment,
          },
          timeoutMs,
        },
      );
      expect(
        run.timedOut,
        `looply generate did not finish within ${timeoutMs / 1000} s; stderr:\n${run.stderr}`,
      ).to.equal(false);
      return run;
    },
  };
}
