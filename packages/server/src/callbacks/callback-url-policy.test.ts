import { expect } from 'chai';
import { CallbackUrlPolicy, CallbackUrlRefusedError, type ResolvedAddress } from './callback-url-policy.js';

/** A fake DNS: tests never reach the network. */
const DNS: Record<string, string[]> = {
  'hooks.example.com': ['93.184.216.34'],
  'v6.example.com': ['2606:2800:220:1:248:1893:25c8:1946'],
  'internal.example.com': ['10.0.0.7'],
  'rebind.example.com': ['93.184.216.34', '127.0.0.1'],
  '127.0.0.1.nip.io': ['127.0.0.1'],
  'localtest.me': ['127.0.0.1'],
  'metadata.example.com': ['169.254.169.254'],
  'cgnat.example.com': ['100.64.1.1'],
  'ula.example.com': ['fd00:ec2::254'],
  'mapped.example.com': ['::ffff:10.1.2.3'],
  'receiver.test': ['127.0.0.1'],
};

async function fakeResolver(hostname: string): Promise<ResolvedAddress[]> {
  const addresses = DNS[hostname];
  if (!addresses) throw new Error(`ENOTFOUND ${hostname}`);
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
}

const HOSTILE_URLS = [
  'http://127.0.0.1/',
  'http://127.1.2.3:8080/hook',
  'http://localhost/',
  'http://LOCALHOST./',
  'http://app.localhost/',
  'http://0.0.0.0/',
  'http://0/',
  'http://2130706433/', // decimal 127.0.0.1
  'http://0177.0.0.1/', // octal
  'http://0x7f.0.0.1/', // hex
  'http://[::1]/',
  'http://[::]/',
  'http://[0000::1]/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::ffff:7f00:1]/',
  'http://[64:ff9b::a00:1]/', // NAT64 of 10.0.0.1
  'http://10.0.0.1/',
  'http://172.16.5.4/',
  'http://172.31.255.255/',
  'http://192.168.1.1/',
  'http://169.254.169.254/latest/meta-data/',
  'http://metadata.google.internal/computeMetadata/v1/',
  'http://100.64.0.1/',
  'http://224.0.0.1/',
  'http://255.255.255.255/',
  'http://198.18.0.1/',
  'http://[fe80::1]/',
  'http://[fd00:ec2::254]/',
  'http://[ff02::1]/',
  'http://internal.example.com/',
  'http://rebind.example.com/', // one good and one loopback answer
  'http://127.0.0.1.nip.io/',
  'http://localtest.me/',
  'http://metadata.example.com/',
  'http://cgnat.example.com/',
  'http://ula.example.com/',
  'http://mapped.example.com/',
  'file:///etc/passwd',
  'gopher://127.0.0.1:70/',
  'ftp://hooks.example.com/',
  'http://user:pass@hooks.example.com/',
  'http://does-not-resolve.example/',
  'not a url',
];

describe('CallbackUrlPolicy (SSRF)', () => {
  const policy = new CallbackUrlPolicy([], fakeResolver);

  for (const url of HOSTILE_URLS) {
    it(`refuses ${url}`, async () => {
      let refused: unknown;
      await policy.check(url).catch((error: unknown) => (refused = error));
      expect(refused, url).to.be.instanceOf(CallbackUrlRefusedError);
    });
  }

  it('accepts public hosts and returns the checked address to connect to', async () => {
    const checked = await policy.check('https://hooks.example.com/looply?x=1');
    expect(checked.address).to.deep.equal({ address: '93.184.216.34', family: 4 });
    expect(checked.url.pathname).to.equal('/looply');
    expect((await policy.check('https://v6.example.com/')).address.family).to.equal(6);
    expect((await policy.check('http://93.184.216.34:8443/')).address.address).to.equal('93.184.216.34');
  });

  it('names the address in the refusal and points at the allow-list', async () => {
    let message = '';
    await policy.check('http://internal.example.com/hook').catch((error: Error) => (message = error.message));
    expect(message).to.contain('10.0.0.7');
    expect(message).to.contain('LOOPLY_CALLBACK_ALLOWLIST');
  });

  it('the allow-list admits listed ranges and hosts, and nothing else', async () => {
    const allowing = new CallbackUrlPolicy(['127.0.0.1/32', 'receiver.test', '10.0.0.0/8'], fakeResolver);
    expect((await allowing.check('http://127.0.0.1:4000/hook')).address.address).to.equal('127.0.0.1');
    expect((await allowing.check('http://receiver.test/hook')).address.address).to.equal('127.0.0.1');
    expect((await allowing.check('http://internal.example.com/')).address.address).to.equal('10.0.0.7');
    let refused: unknown;
    await allowing.check('http://169.254.169.254/').catch((error: unknown) => (refused = error));
    expect(refused).to.be.instanceOf(CallbackUrlRefusedError);
  });

  it('refuses an allow-list entry with a bad prefix length at construction', () => {
    expect(() => new CallbackUrlPolicy(['10.0.0.0/33'])).to.throw(/prefix length/);
  });
});
