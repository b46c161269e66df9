import { expect } from 'chai';
import { startFakeVastApi, type FakeVastApi } from './testing/index.js';
import { comfyInstanceBody, instanceUrl, rentFirstAvailable, waitUntilRunning, WRAPPER_PORT } from './vast-instance.js';
import { VastApiError, VastRestClient } from './vast-rest-client.js';

const KEY = 'vast-test-key';
const OFFERS = [
  { id: 101, gpu_name: 'RTX 4090', num_gpus: 1, gpu_ram: 24_564, dph_total: 0.42 },
  { id: 102, gpu_name: 'RTX 4090', num_gpus: 1, gpu_ram: 24_564, dph_total: 0.35 },
  { id: 103, gpu_name: 'H100 SXM', num_gpus: 1, gpu_ram: 81_559, dph_total: 2.1 },
];

describe('Vast.ai instance management against a fake Vast REST API', () => {
  let fake: FakeVastApi;
  beforeEach(async () => {
    fake = await startFakeVastApi({ apiKey: KEY, offers: OFFERS, wrapperHostPort: 41_288, bootPolls: 2 });
  });
  afterEach(() => fake.close());
  const client = (apiKey = KEY) => new VastRestClient({ apiKey, baseUrl: fake.url, rateLimitBackoffMs: 10 });

  it('searches by GPU name (underscores become spaces), VRAM and price, cheapest first', async () => {
    const offers = await client().searchOffers({ gpuNames: ['RTX_4090'], minGpuRamGb: 24, maxDollarsPerHour: 1 });
    expect(offers.map((offer) => offer.id)).to.deep.equal([102, 101]);
    expect(fake.requests[0].body).to.deep.include({
      gpu_name: { in: ['RTX 4090'] },
      gpu_ram: { gte: 24_000 },
      dph_total: { lte: 1 },
    });
  });

  it('backs off and retries plain-text 429s that carry no Retry-After', async () => {
    fake.rateLimitNext(2);
    const offers = await client().searchOffers({});
    expect(offers).to.have.length(3);
    expect(fake.requests.map((request) => request.status)).to.deep.equal([429, 429, 200]);
  });

  it('gives up with the 429 once its retries are spent', async () => {
    fake.rateLimitNext(10);
    const error = await new VastRestClient({
      apiKey: KEY,
      baseUrl: fake.url,
      rateLimitBackoffMs: 1,
      maxRateLimitRetries: 2,
    })
      .searchOffers({})
      .catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(VastApiError).and.include({ statusCode: 429 });
    expect((error as Error).message).to.include('API requests too frequent');
  });

  it('names VAST_API_KEY when the key is refused', async () => {
    const error = await client('wrong')
      .searchOffers({})
      .catch((caught: unknown) => caught);
    expect((error as Error).message).to.include('VAST_API_KEY');
  });

  it('rents the next offer when the first vanished between search and rent, with the ComfyUI ports and password', async () => {
    const offers = await client().searchOffers({ gpuNames: ['RTX 4090'] });
    fake.vanish(offers[0].id);
    const rented = await rentFirstAvailable(client(), offers, comfyInstanceBody({ webPassword: 'secret-password' }));
    expect(rented.skipped).to.deep.equal([102]);
    expect(rented.offer.id).to.equal(101);
    const put = fake.requests.filter((request) => request.method === 'PUT').at(-1)!;
    expect(put.path).to.equal('/api/v0/asks/101/');
    expect((put.body as { env: Record<string, string> }).env).to.include({
      '-p 8288:8288': '1',
      '-p 8188:8188': '1',
      WEB_PASSWORD: 'secret-password',
    });
  });

  it('waits until the instance runs and reads the wrapper URL from its port map; destroys it', async () => {
    const id = await client().createInstance(103, comfyInstanceBody({ webPassword: 'p' }));
    const statuses: Array<string | null | undefined> = [];
    const instance = await waitUntilRunning(client(), id, {
      timeoutMs: 10_000,
      intervalMs: 5,
      onStatus: (seen) => statuses.push(seen.actual_status),
    });
    expect(statuses).to.deep.equal([null, 'loading', 'running']);
    expect(instanceUrl(instance, WRAPPER_PORT)).to.equal('http://127.0.0.1:41288');
    await client().destroyInstance(id);
    expect(fake.instanceIds()).to.deep.equal([]);
  });
});
