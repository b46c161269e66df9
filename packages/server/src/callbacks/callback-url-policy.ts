import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP, isIPv4 } from 'node:net';
import { isBlockedAddress } from './blocked-addresses.js';

/** Host names refused whatever they resolve to. */
const BLOCKED_HOSTNAMES = new Set(['localhost', 'metadata.google.internal', 'metadata', 'instance-data']);

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => ({
    address: entry.address,
    family: entry.family === 6 ? 6 : 4,
  }));

/** A callback URL was refused (unsafe destination or malformed). */
export class CallbackUrlRefusedError extends Error {
  override readonly name = 'CallbackUrlRefusedError';
}

export interface CheckedCallbackUrl {
  url: URL;
  /** The address to connect to (checked), so a second DNS answer cannot redirect the request. */
  address: ResolvedAddress;
}

/**
 * Where callbacks may go. Refuses non-http(s) URLs, URLs with credentials, and hosts that resolve
 * (any of their addresses) to loopback, private, link-local, CGNAT, multicast, reserved or metadata
 * addresses, unless the allow-list names the host, or a range holding every address.
 */
export class CallbackUrlPolicy {
  private readonly allowedHosts = new Set<string>();
  private readonly allowedRanges = new BlockList();

  constructor(
    allowlist: readonly string[],
    private readonly resolve: Resolver = systemResolver,
  ) {
    for (const entry of allowlist) {
      const [network, prefixText] = entry.split('/', 2);
      const family = isIP(network);
      if (family === 0) {
        this.allowedHosts.add(entry.toLowerCase());
        continue;
      }
      const type = family === 4 ? 'ipv4' : 'ipv6';
      const prefix = prefixText === undefined ? (family === 4 ? 32 : 128) : Number(prefixText);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) {
        throw new Error(
          `Invalid callback allow-list entry "${entry}": the prefix length must be 0–${family === 4 ? 32 : 128}`,
        );
      }
      this.allowedRanges.addSubnet(network, prefix, type);
    }
  }

  /** Syntax and scheme only (no DNS): for schema-level validation messages. */
  parse(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new CallbackUrlRefusedError('callbackUrl is not a valid URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new CallbackUrlRefusedError('callbackUrl must use http or https');
    if (url.username || url.password) throw new CallbackUrlRefusedError('callbackUrl must not carry credentials');
    return url;
  }

  /** Resolves the host now and checks every address; returns the address to connect to. */
  async check(raw: string): Promise<CheckedCallbackUrl> {
    const url = this.parse(raw);
    // WHATWG parsing already turned decimal, octal and hex IPv4 forms into dotted quads.
    const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
    const hostAllowed = this.allowedHosts.has(hostname);
    if (
      !hostAllowed &&
      (BLOCKED_HOSTNAMES.has(hostname) || hostname.endsWith('.localhost') || hostname.endsWith('.internal'))
    ) {
      throw new CallbackUrlRefusedError(`callbackUrl host "${hostname}" is not allowed`);
    }
    let addresses: ResolvedAddress[];
    if (isIP(hostname)) addresses = [{ address: hostname, family: isIPv4(hostname) ? 4 : 6 }];
    else {
      try {
        addresses = await this.resolve(hostname);
      } catch {
        throw new CallbackUrlRefusedError(`callbackUrl host "${hostname}" does not resolve`);
      }
      if (addresses.length === 0) throw new CallbackUrlRefusedError(`callbackUrl host "${hostname}" does not resolve`);
    }
    if (!hostAllowed) {
      for (const { address, family } of addresses) {
        if (isBlockedAddress(address) && !this.allowedRanges.check(address, family === 4 ? 'ipv4' : 'ipv6')) {
          throw new CallbackUrlRefusedError(
            `callbackUrl host "${hostname}" resolves to ${address}, a loopback, private, link-local or otherwise internal address; add it to LOOPLY_CALLBACK_ALLOWLIST to allow it`,
          );
        }
      }
    }
    return { url, address: addresses[0] };
  }
}
