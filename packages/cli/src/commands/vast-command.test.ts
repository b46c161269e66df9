import { PassThrough } from 'node:stream';
import { startFakeVastApi, type FakeVastApi } from '@looply/providers-vast/testing';
import { expect } from 'chai';
import { runCli } from '../cli-program.js';

const KEY = 'vast-cli-key';
const OFFERS = [
  { id: 201, gpu_name: 'RTX 4090', num_gpus: 1, gpu_ram: 24_564, dph_total: 0.4 },
  { id: 202, gpu_name: 'RTX 4090', num_gpus: 1, gpu_ram: 24_564, dph_total: 0.31 },
  { id: 203, gpu_name: 'RTX 3060', num_gpus: 1, gpu_ram: 12_288, dph_total: 0.08 },
];

async function looply(args: string[], environment: Record<string, string>) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exitCode = await runCli(['node', 'looply', 'vast', ...args], {
    stdout,
    stderr,
    environment: { PATH: process.env.PATH, ...environment },
    cwd: process.cwd(),
  });
  return { exitCode, stdout: out, stderr: err };
}

describe('looply vast (fake Vast REST API)', () => {
  let fake: FakeVastApi;
  let environment: Record<string, string>;
  beforeEach(async () => {
    fake = await startFakeVastApi({ apiKey: KEY, offers: OFFERS, wrapperHostPort: 45_288, bootPolls: 2 });
    environment = { VAST_API_KEY: KEY, VAST_BASE_URL: fake.url };
  });
  afterEach(() => fake.close());

  it('offers: lists the 24 GB offers cheapest first, as JSON', async () => {
    const run = await looply(['offers', '--json'], environment);
    expect(run.exitCode, run.stderr).to.equal(0);
    expect((JSON.parse(run.stdout) as { offers: Array<{ id: number }> }).offers.map((offer) => offer.id)).to.deep.equal(
      [202, 201],
    );
  });

  it('offers: backs off through plain-text 429s', async () => {
    fake.rateLimitNext(1);
    const run = await looply(['offers', '--gpu', 'RTX_4090'], environment);
    expect(run.exitCode, run.stderr).to.equal(0);
    expect(run.stdout.trim().split('\n')).to.have.length(2);
    expect(fake.requests.map((request) => request.status)).to.deep.equal([429, 200]);
  });

  it('up: rents the next offer when the cheapest vanished, waits until it runs and prints the endpoint and token; status and down follow', async () => {
    fake.vanish(202);
    const up = await looply(['up', '--json', '--poll', '0.01'], environment);
    expect(up.exitCode, up.stderr).to.equal(0);
    const rented = JSON.parse(up.stdout) as {
      instanceId: number;
      offerId: number;
      endpointUrl: string;
      apiToken: string;
    };
    expect(rented.offerId).to.equal(201);
    expect(rented.endpointUrl).to.equal('http://127.0.0.1:45288');
    expect(rented.apiToken).to.have.length.greaterThan(20);
    expect(up.stderr).to.include('Offers 202 were gone');
    const put = fake.requests.find((request) => request.method === 'PUT')!;
    expect(
      (put.body as { env: Record<string, string> }).env.WEB_PASSWORD,
      'the printed token is the instance password',
    ).to.equal(rented.apiToken);

    const status = await looply(['status', String(rented.instanceId), '--json'], environment);
    expect(JSON.parse(status.stdout)).to.deep.include({
      instanceId: rented.instanceId,
      status: 'running',
      endpointUrl: 'http://127.0.0.1:45288',
    });
    const down = await looply(['down', String(rented.instanceId)], environment);
    expect(down.exitCode, down.stderr).to.equal(0);
    expect(fake.instanceIds()).to.deep.equal([]);
  });

  it('exits 2 naming VAST_API_KEY when it is not set', async () => {
    const run = await looply(['offers'], {});
    expect(run.exitCode).to.equal(2);
    expect(run.stderr).to.include('VAST_API_KEY');
  });
});
