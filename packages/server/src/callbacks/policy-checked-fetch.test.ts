import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { CallbackUrlPolicy, type ResolvedAddress } from './callback-url-policy.js';
import { createPolicyCheckedFetch, OutboundUrlRefusedError } from './policy-checked-fetch.js';

/** A fake DNS: tests never reach the network. `flip.example.com` answers public once, then private (rebinding). */
function fakeResolver(): (hostname: string) => Promise<ResolvedAddress[]> {
  let flips = 0;
  const answers: Record<string, () => string> = {
    'music.test': () => '127.0.0.1',
    'internal.example.com': () => '10.0.0.7',
    'flip.example.com': () => (flips++ === 0 ? '93.184.216.34' : '169.254.169.254'),
  };
  return async (hostname) => {
    const answer = answers[hostname];
    if (!answer) throw new Error(`ENOTFOUND ${hostname}`);
    return [{ address: answer(), family: 4 }];
  };
}

describe('the policy-checked fetch (music URLs a client named)', () => {
  let server: Server;
  let port: number;
  const requests: Array<{ url: string; headers: IncomingHttpHeaders }> = [];

  before(async () => {
    server = createServer((request, response) => {
      requests.push({ url: request.url!, headers: request.headers });
      if (request.url === '/moved') {
        response.writeHead(302, { Location: 'http://169.254.169.254/latest/meta-data/' });
        response.end();
        return;
      }
      response.writeHead(200, { 'Content-Type': 'audio/wav', 'Content-Length': '5' });
      response.end('RIFF!');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('fetches from an allow-listed host at the address the policy checked (the Host header keeps the name)', async () => {
    const checkedFetch = createPolicyCheckedFetch(new CallbackUrlPolicy(['music.test'], fakeResolver()));
    const response = await checkedFetch(`http://music.test:${port}/track.wav`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.equal('audio/wav');
    expect(Buffer.from(await response.arrayBuffer()).toString()).to.equal('RIFF!');
    expect(requests.at(-1)).to.deep.include({ url: '/track.wav' });
    expect(requests.at(-1)!.headers.host).to.equal(`music.test:${port}`);
  });

  it('refuses loopback and private addresses at fetch time without connecting, as a final (non-retryable) error', async () => {
    const checkedFetch = createPolicyCheckedFetch(new CallbackUrlPolicy([], fakeResolver()));
    const before = requests.length;
    for (const url of [`http://127.0.0.1:${port}/track.wav`, 'http://internal.example.com/track.wav']) {
      let caught: unknown;
      await checkedFetch(url).catch((error: unknown) => (caught = error));
      expect(caught, url).to.be.instanceOf(OutboundUrlRefusedError);
      expect((caught as OutboundUrlRefusedError).retryable).to.equal(false);
      expect((caught as Error).message).to.match(/resolves to (127\.0\.0\.1|10\.0\.0\.7), a loopback, private/);
    }
    expect(requests.length).to.equal(before);
  });

  it('checks again on every fetch: a name that passed the submit check and now resolves to metadata is refused', async () => {
    const policy = new CallbackUrlPolicy([], fakeResolver());
    await policy.check('http://flip.example.com/track.wav'); // the check at submit: a public address
    let caught: unknown;
    await createPolicyCheckedFetch(policy)('http://flip.example.com/track.wav').catch(
      (error: unknown) => (caught = error),
    );
    expect(caught).to.be.instanceOf(OutboundUrlRefusedError);
    expect((caught as Error).message).to.contain('169.254.169.254');
  });

  it('never follows a redirect (the 3xx is handed back) and allows only GET and HEAD', async () => {
    const checkedFetch = createPolicyCheckedFetch(new CallbackUrlPolicy(['127.0.0.1'], fakeResolver()));
    const moved = await checkedFetch(`http://127.0.0.1:${port}/moved`);
    expect(moved.status).to.equal(302);
    expect(moved.ok).to.equal(false);
    let caught: unknown;
    await checkedFetch(`http://127.0.0.1:${port}/track.wav`, { method: 'POST' }).catch(
      (error: unknown) => (caught = error),
    );
    expect((caught as Error).message).to.contain('only GET and HEAD');
  });
});
