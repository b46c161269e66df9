import { BlockList, isIPv4, isIPv6 } from 'node:net';

/**
 * Addresses a callback must never reach (OWASP SSRF Prevention Cheat Sheet): this host, private
 * networks, link-local (cloud metadata at 169.254.169.254), CGNAT, multicast, reserved and
 * documentation ranges, in IPv4 and IPv6.
 */
const BLOCKED_IPV4: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
];

const BLOCKED_IPV6: Array<[string, number]> = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID, …)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4 (embeds any IPv4)
  ['fc00::', 7], // unique local (incl. fd00:ec2::254, AWS metadata)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

const blockList = new BlockList();
for (const [network, prefix] of BLOCKED_IPV4) blockList.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of BLOCKED_IPV6) blockList.addSubnet(network, prefix, 'ipv6');

/** The eight 16-bit groups of an IPv6 literal (a trailing dotted quad and `::` allowed), or null. */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const bytes = dotted.slice(1).map(Number);
    if (bytes.some((byte) => byte > 255)) return null;
    text = `${text.slice(0, dotted.index)}${((bytes[0] << 8) | bytes[1]).toString(16)}:${((bytes[2] << 8) | bytes[3]).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string) =>
    part === '' ? [] : part.split(':').map((group) => (/^[0-9a-f]{1,4}$/.test(group) ? parseInt(group, 16) : NaN));
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return groups.some(Number.isNaN) ? null : groups;
}

function dottedQuad(high: number, low: number): string {
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

/**
 * The IPv4 address an IPv6 address embeds, in every form that carries one: IPv4-compatible
 * (`::a.b.c.d`, `::/96`), IPv4-mapped (`::ffff:a.b.c.d`), IPv4-translated (`::ffff:0:a.b.c.d`),
 * NAT64 (`64:ff9b::a.b.c.d`, `64:ff9b::/96`) and 6to4 (`2002:AABB:CCDD::/16`).
 */
export function embeddedIpv4(address: string): string | null {
  const groups = ipv6Groups(address);
  if (!groups) return null;
  const zeros = (from: number, to: number) => groups.slice(from, to).every((group) => group === 0);
  const last = dottedQuad(groups[6], groups[7]);
  if (zeros(0, 6)) return last; // compatible (:: and ::1 are judged as IPv6 by the caller)
  if (zeros(0, 5) && groups[5] === 0xffff) return last; // mapped
  if (zeros(0, 4) && groups[4] === 0xffff && groups[5] === 0) return last; // translated
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) return last; // NAT64
  if (groups[0] === 0x2002) return dottedQuad(groups[1], groups[2]); // 6to4
  return null;
}

/** True when `address` (an IP literal) is loopback, private, link-local, CGNAT, multicast, reserved or unparsable. */
export function isBlockedAddress(address: string): boolean {
  if (isIPv4(address)) return blockList.check(address, 'ipv4');
  if (isIPv6(address)) {
    // An embedded blocked IPv4 refuses the address; the IPv6 ranges (6to4 as a whole, ::, ::1) too.
    const embedded = embeddedIpv4(address);
    if (embedded && blockList.check(embedded, 'ipv4')) return true;
    return blockList.check(address, 'ipv6');
  }
  return true;
}
