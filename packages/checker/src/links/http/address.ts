import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import type { Resolve } from '../setup/options.js';

// IPv4 ranges a public link must never lead into: this host, the local network, link-local (cloud
// metadata services live there), carrier-grade NAT, documentation and benchmarking networks, the 6to4
// relay, multicast and reserved space.
const blockedV4 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blockedV4.addSubnet(network, prefix, 'ipv4');

/** True for addresses in private, loopback, link-local and other non-public ranges, IPv4 and IPv6. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blockedV4.check(address, 'ipv4');
  if (family !== 6) return false;
  const groups = ipv6Groups(address);
  // Unparseable here means a form this parser does not know: refusing is the safe answer.
  if (!groups) return true;
  const verdict = classifyIpv6(groups);
  return typeof verdict === 'boolean' ? verdict : verdict.some((v4) => blockedV4.check(v4, 'ipv4'));
}

/**
 * Whether an IPv6 address is private: true or false, or the IPv4 addresses it carries, which decide.
 * Every form that embeds an IPv4 address is judged by that address, so that no spelling of a private IPv4
 * address passes as a public IPv6 one.
 */
function classifyIpv6(g: readonly number[]): boolean | string[] {
  const v4 = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  // ::ffff:a.b.c.d (IPv4-mapped) and ::ffff:0:a.b.c.d (IPv4-translated, SIIT).
  if (zeros(0, 5) && g[5] === 0xffff) return [v4(g[6]!, g[7]!)];
  if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) return [v4(g[6]!, g[7]!)];
  // ::a.b.c.d (IPv4-compatible, deprecated), which also covers :: and ::1 (0.0.0.0 and 0.0.0.1).
  if (zeros(0, 6)) return [v4(g[6]!, g[7]!)];
  // 64:ff9b::/96, the well-known NAT64 prefix: the IPv4 address is in the last 32 bits.
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return [v4(g[6]!, g[7]!)];
  // 64:ff9b:1::/48, NAT64 for local use: translates into whatever the local network is.
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return true;
  // The rest of 0000::/8 is reserved.
  if (g[0]! < 0x100) return true;
  // 100::/64, discard-only.
  if (g[0] === 0x100 && zeros(1, 4)) return true;
  // 2002::/16, 6to4: the IPv4 address follows the prefix.
  if (g[0] === 0x2002) return [v4(g[1]!, g[2]!)];
  // 2001::/32, Teredo: the server's IPv4 address, then the client's, inverted, in the last 32 bits.
  if (g[0] === 0x2001 && g[1] === 0) return [v4(g[2]!, g[3]!), v4(~g[6]! & 0xffff, ~g[7]! & 0xffff)];
  // 2001:db8::/32, documentation.
  if (g[0] === 0x2001 && g[1] === 0xdb8) return true;
  // fc00::/7 unique local, fe80::/10 link-local, fec0::/10 site-local (deprecated), ff00::/8 multicast.
  if ((g[0]! & 0xfe00) === 0xfc00) return true;
  if ((g[0]! & 0xffc0) === 0xfe80 || (g[0]! & 0xffc0) === 0xfec0) return true;
  if ((g[0]! & 0xff00) === 0xff00) return true;
  return false;
}

/** The eight 16-bit groups of an IPv6 address (with `::`, a zone or a trailing dotted IPv4 part). */
export function ipv6Groups(address: string): number[] | undefined {
  let text = address.toLowerCase();
  const zone = text.indexOf('%');
  if (zone !== -1) text = text.slice(0, zone);
  // A trailing a.b.c.d is two groups written in decimal: rewrite it as hex.
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    if (isIP(last) !== 4) return undefined;
    const [a, b, c, d] = last.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const parts = (span: string) => (span === '' ? [] : span.split(':'));
  const double = text.indexOf('::');
  const head = parts(double === -1 ? text : text.slice(0, double));
  const rest = double === -1 ? [] : parts(text.slice(double + 2));
  const elided = 8 - head.length - rest.length;
  if (double === -1 ? elided !== 0 : elided < 1) return undefined;
  const groups: number[] = [];
  for (const part of [...head, ...Array<string>(double === -1 ? 0 : elided).fill('0'), ...rest]) {
    if (!/^[0-9a-f]{1,4}$/.test(part)) return undefined;
    groups.push(Number.parseInt(part, 16));
  }
  return groups;
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
