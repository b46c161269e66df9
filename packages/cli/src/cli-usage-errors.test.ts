import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { findFreePort } from './__fixtures__/find-free-port.js';
import { runCliProcess, type CliProcessResult } from './__fixtures__/run-cli-process.js';

describe('looply (bad input, real process)', () => {
  let workspace: string;
  let home: string;
  let environment: Record<string, string | undefined>;

  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'looply-cli-usage-test-'));
    home = join(workspace, 'home');
    // No DATABASE_URL: had validation let anything through, the embedded Postgres would appear in LOOPLY_HOME.
    environment = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LOOPLY_HOME: home,
      LOOPLY_PG_PORT: String(await findFreePort()),
    };
  });
  afterEach(() => rm(workspace, { recursive: true, force: true }));

  async function expectUsageError(
    args: string[],
    mentions: string[],
    extraEnvironment: Record<string, string> = {},
  ): Promise<CliProcessResult> {
    const result = await runCliProcess(args, { cwd: workspace, environment: { ...environment, ...extraEnvironment } });
    expect(result.exitCode, result.stderr).to.equal(2);
    const lines = result.stderr.split('\n').filter((line) => line.trim() !== '');
    expect(lines, result.stderr).to.have.length(1);
    for (const text of mentions) expect(lines[0]).to.contain(text);
    expect(result.stdout).to.equal('');
    // Nothing was started: LOOPLY_HOME (database, logs, artifacts) was not even created.
    expect(await readdir(home).catch(() => [])).to.deep.equal([]);
    return result;
  }

  it('rejects --duration 0, naming the option and the allowed range', async () => {
    await expectUsageError(['generate', '--topic', 'solar power', '--duration', '0'], ['--duration', '5 to 180']);
  });

  it('rejects --duration 999', async () => {
    await expectUsageError(['generate', '--topic', 'solar power', '--duration', '999'], ['--duration', '5 to 180']);
  });

  it('rejects --aspect 4:3, listing the allowed ratios', async () => {
    await expectUsageError(['generate', '--topic', 'solar power', '--aspect', '4:3'], ['--aspect', '9:16, 16:9, 1:1']);
  });

  it('rejects an empty --topic', async () => {
    await expectUsageError(['generate', '--topic', '  '], ['--topic', 'non-empty']);
  });

  it('rejects an unknown --style, listing the styles', async () => {
    await expectUsageError(
      ['generate', '--topic', 'solar power', '--style', 'neon'],
      ['--style', 'modern, cinematic, minimal, playful, documentary, retro'],
    );
  });

  it('rejects --out in a folder that does not exist', async () => {
    await expectUsageError(
      ['generate', '--topic', 'solar power', '--out', join('missing', 'video.mp4')],
      ['--out', 'does not exist'],
    );
  });

  it('rejects a bad environment variable, naming it', async () => {
    await expectUsageError(['generate', '--topic', 'solar power'], ['LOG_LEVEL', 'loud'], { LOG_LEVEL: 'loud' });
  });
});
