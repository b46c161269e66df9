import { existsSync } from 'node:fs';
import { chmod, mkdtemp, open, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { findFreePort } from '../__fixtures__/find-free-port.js';
import { runCliProcess } from '../__fixtures__/run-cli-process.js';

async function fileStartsWithMp4Header(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const header = Buffer.alloc(8);
    await file.read(header, 0, 8, 0);
    return header.subarray(4, 8).toString('latin1') === 'ftyp';
  } finally {
    await file.close();
  }
}

/** Pids of processes whose command line mentions `text` (Linux /proc). */
async function processesMentioning(text: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const handle = await open(`/proc/${entry}/cmdline`, 'r').catch(() => undefined);
    if (!handle) continue;
    const command = (await handle.readFile('utf8').catch(() => '')).split('\0').join(' ');
    await handle.close();
    if (command.includes(text)) pids.push(Number(entry));
  }
  return pids;
}

describe('looply generate (real process, local providers)', function () {
  this.timeout(300_000);
  let workspace: string;
  let home: string;
  let baseEnvironment: Record<string, string | undefined>;

  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'looply-cli-generate-test-'));
    // As root, the embedded Postgres runs as the `postgres` user, which must be able to enter LOOPLY_HOME.
    await chmod(workspace, 0o755);
    home = join(workspace, 'home');
    baseEnvironment = { PATH: process.env.PATH, HOME: process.env.HOME, LOOPLY_HOME: home, LOG_LEVEL: 'info' };
  });
  afterEach(() => rm(workspace, { recursive: true, force: true }));

  it('--json: renders a 10 s video on the embedded Postgres, prints one JSON object and leaves no Postgres running', async () => {
    const out = join(workspace, 'solar.mp4');
    const result = await runCliProcess(
      ['generate', '--topic', 'solar power', '--duration', '10', '--tone', 'enthusiastic', '--out', out, '--json'],
      {
        cwd: workspace,
        environment: { ...baseEnvironment, LOOPLY_PG_PORT: String(await findFreePort()) },
      },
    );
    expect(result.exitCode, result.stderr).to.equal(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines, 'exactly one line on stdout').to.have.length(1);
    const output = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(output).to.include({ status: 'COMPLETED', videoPath: out, width: 1080, height: 1920 });
    expect(output.jobId).to.be.a('string');
    expect(output.durationSec).to.be.within(5, 20);
    expect(output.providers).to.deep.equal({ script: 'local', voice: 'local', visual: 'local', assembly: 'local' });
    expect(output.usage).to.have.property('byStep');
    expect(output).to.not.have.property('error');
    expect(await fileStartsWithMp4Header(out)).to.equal(true);

    // The embedded Postgres was created in LOOPLY_HOME and is stopped again.
    expect(existsSync(join(home, 'pg', 'PG_VERSION'))).to.equal(true);
    expect(existsSync(join(home, 'pg', 'postmaster.pid'))).to.equal(false);
    expect(await processesMentioning(join(home, 'pg'))).to.deep.equal([]);
  });
});
