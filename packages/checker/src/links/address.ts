import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import type { Resolve } from './options.js';

// Ranges a public link must never lead into: this host, the local network, link-local (cloud metadata
// services live there), carrier-grade NAT, multicast and reserved space.
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(network, prefix, 'ipv6');

/** True for addresses in private, loopback, link-local and other non-public ranges, IPv4 and IPv6. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return false;
  const embedded = embeddedIpv4(address.toLowerCase());
  if (embedded) return blocked.check(embedded, 'ipv4');
  return blocked.check(address, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) address. */
function embeddedIpv4(address: string): string | undefined {
  const match = /^(?:::ffff:(?:0:)?|64:ff9b::)(.+)$/.exec(address);
  if (!match?.[1]) return undefined;
  const rest = match[1];
  if (isIP(rest) === 4) return rest;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(rest);
  if (!hex) return undefined;
  const high = Number.parseInt(hex[1]!, 16);
  const low = Number.parseInt(hex[2]!, 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

export class PrivateAddressError extends Error {
  readonly code = 'ERR_VIRTBIB_PRIVATE_ADDRESS';
  constructor(hostname: string, address: string) {
    super(`${hostname} resolves to ${address}, a private or local address`);
  }
}

const systemResolve: Resolve = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** How long a resolution is reused within a run: the hosts of a run are looked up once, not per connection. */
const RESOLVE_TTL_MS = 5 * 60_000;

/**
 * Remembers answers (and the answer "no such name") for a few minutes, so that a host with many URLs is
 * resolved once. Transient failures (EAI_AGAIN, timeouts) are not remembered: the retry asks again.
 */
export function memoizeResolve(resolve: Resolve): Resolve {
  const answers = new Map<string, { at: number; promise: Promise<LookupAddress[]> }>();
  return (hostname) => {
    const now = Date.now();
    const known = answers.get(hostname);
    if (known && now - known.at < RESOLVE_TTL_MS) return known.promise;
    const promise = resolve(hostname);
    answers.set(hostname, { at: now, promise });
    promise.catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOTFOUND' && error.code !== 'ENODATA') answers.delete(hostname);
    });
    return promise;
  };
}

/**
 * A `lookup` for net.connect that refuses private addresses after resolution. Checking the resolved
 * address at connect time, rather than the name beforehand, leaves no window for a name to resolve to a
 * public address when checked and a private one when connected (DNS rebinding).
 */
export function guardedLookup(allowPrivate: boolean, given: Resolve = systemResolve): LookupFunction {
  const resolve = memoizeResolve(given);
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (all) => {
        const usable = allowPrivate ? all : all.filter((a) => !isPrivateAddress(a.address));
        const wanted = options.family ? usable.filter((a) => a.family === options.family) : usable;
        if (wanted.length === 0) {
          const first = all[0];
          if (first && usable.length === 0)
            return callback(new PrivateAddressError(hostname, first.address), '');
          const error = Object.assign(new Error(`${hostname} has no usable address`), { code: 'ENOTFOUND' });
          return callback(error, '');
        }
        if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, wanted);
        const [one] = wanted as [LookupAddress];
        callback(null, one.address, one.family);
      },
      (error: Error) => callback(error as NodeJS.ErrnoException, ''),
    );
  };
}
