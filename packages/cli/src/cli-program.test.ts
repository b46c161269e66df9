import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { expect } from 'chai';
import { runCli } from './cli-program.js';

describe('runCli (in process)', () => {
  let workspace: string;
  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'looply-cli-program-test-'));
  });
  afterEach(() => rm(workspace, { recursive: true, force: true }));

  async function run(args: string[], environment: Record<string, string> = {}) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    const exitCode = await runCli(['node', 'looply', ...args], {
      stdout,
      stderr,
      environment: { LOOPLY_HOME: join(workspace, 'home'), ...environment },
      cwd: workspace,
    });
    return { exitCode, stdout: out, stderr: err, homeEntries: await readdir(join(workspace, 'home')).catch(() => []) };
  }

  it('exits 2 with one line naming --topic when it is missing', async () => {
    const result = await run(['generate', '--duration', '10']);
    expect(result.exitCode).to.equal(2);
    expect(result.stderr.trim().split('\n')).to.have.length(1);
    expect(result.stderr).to.contain("required option '--topic <text>' not specified");
    expect(result.homeEntries).to.deep.equal([]);
  });

  it('exits 2 on an unknown option or command', async () => {
    expect((await run(['generate', '--topic', 'x', '--colour', 'red'])).stderr).to.contain("unknown option '--colour'");
    expect((await run(['generate', '--topic', 'x', '--colour', 'red'])).exitCode).to.equal(2);
    const unknown = await run(['render']);
    expect(unknown.exitCode).to.equal(2);
    expect(unknown.stderr).to.contain("unknown command 'render'");
  });

  it('exits 2 naming the variable when a provider id is not installed for a step', async () => {
    const result = await run(['generate', '--topic', 'solar power'], { LOOPLY_VOICE_PROVIDER: 'nobody' });
    expect(result.exitCode).to.equal(2);
    expect(result.stderr.trim().split('\n')).to.have.length(1);
    expect(result.stderr).to.match(
      /^looply: invalid environment variable LOOPLY_VOICE_PROVIDER="nobody": use auto or one of .*\blocal\b/,
    );
    expect(result.homeEntries).to.deep.equal([]);
  });

  it('exits 2 naming the missing key when a provider is chosen without it', async () => {
    const result = await run(['generate', '--topic', 'solar power'], { LOOPLY_SCRIPT_PROVIDER: 'openai' });
    expect(result.exitCode).to.equal(2);
    expect(result.stderr).to.equal('looply: LOOPLY_SCRIPT_PROVIDER="openai" needs OPENAI_API_KEY to be set\n');
    expect(result.homeEntries).to.deep.equal([]);
  });

  it('prints help with exit code 0', async () => {
    const result = await run(['generate', '--help']);
    expect(result.exitCode).to.equal(0);
    expect(result.stdout).to.contain('--topic <text>').and.to.contain('--json');
  });
});
