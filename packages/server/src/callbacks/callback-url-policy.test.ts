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
  // Names whose DNS answer embeds a blocked IPv4 in an IPv6 form: refused when checked at delivery too.
  'compatible.example.com': ['::7f00:1'],
  'translated.example.com': ['::ffff:0:7f00:1'],
  'nat64.example.com': ['64:ff9b::a9fe:a9fe'],
  'sixtofour.example.com': ['2002:c0a8:101::1'],
  'mapped-public.example.com': ['::ffff:93.184.216.34'],
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
  // Every IPv6 spelling that embeds a blocked IPv4 (reported: the first two passed).
  'http://[::127.0.0.1]/', // IPv4-compatible, parsed as ::7f00:1
  'http://[::ffff:0:7f00:1]/', // IPv4-translated
  'http://[::ffff:0:127.0.0.1]/',
  'http://[::a9fe:a9fe]/', // compatible 169.254.169.254
  'http://[0:0:0:0:0:ffff:0a00:0001]/', // mapped 10.0.0.1, uncompressed
  'http://[64:ff9b::127.0.0.1]/', // NAT64
  'http://[64:ff9b::c0a8:101]/', // NAT64 of 192.168.1.1
  'http://[2002:7f00:1::]/', // 6to4 of 127.0.0.1
  'http://[2002:5db8:d822::1]/', // 6to4 of a public address: the whole 2002::/16 is refused
  'http://compatible.example.com/',
  'http://translated.example.com/',
  'http://nat64.example.com/',
  'http://sixtofour.example.com/',
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
    // An embedded public IPv4 is as public as the IPv4 itself.
    expect((await policy.check('http://mapped-public.example.com/')).address.address).to.equal('::ffff:93.184.216.34');
    expect((await policy.check('http://[64:ff9b::5db8:d822]/')).address.family).to.equal(6);
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
