import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../src/links/index.js';

describe('private addresses', () => {
  it('covers private, loopback, link-local and special ranges, IPv4 and IPv6', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '192.0.2.1',
      '198.51.100.7',
      '203.0.113.9',
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1',
      'fe80::1%eth0',
      'fd00::1',
      'fc00::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.0.0.1',
      '::ffff:0:127.0.0.1',
      '64:ff9b::a00:1',
      '64:ff9b::127.0.0.1',
      '2001:db8::1',
      '100::1',
    ])
      expect(isPrivateAddress(address), address).toBe(true);
    for (const address of [
      '8.8.8.8',
      '172.32.0.1',
      '192.169.0.1',
      '2606:4700::1111',
      '::ffff:8.8.8.8',
      '64:ff9b::8.8.8.8',
      '1.1.1.1',
      '2a00:1450:4001:80b::200e',
    ])
      expect(isPrivateAddress(address), address).toBe(false);
  });

  it('judges IPv6 forms that carry an IPv4 address by that address', () => {
    for (const address of [
      // IPv4-compatible (deprecated): ::a.b.c.d, in both spellings.
      '::127.0.0.1',
      '::169.254.169.254',
      '::7f00:1',
      '::a9fe:a9fe',
      // 6to4: 2002:AABB:CCDD::/48 carries AA.BB.CC.DD.
      '2002:7f00:1::',
      '2002:a9fe:a9fe::1',
      '2002:c0a8:101:1::1',
      // Teredo: the client's address, inverted, in the last 32 bits (~127.0.0.1 = 80ff:fffe).
      '2001:0:4136:e378:8000:63bf:80ff:fffe',
      // Teredo with a private server address.
      '2001:0:a00:1::1',
    ])
      expect(isPrivateAddress(address), address).toBe(true);
    for (const address of ['::8.8.8.8', '2002:808:808::1', '2001:0:4136:e378:8000:63bf:f7f7:f7f7'])
      expect(isPrivateAddress(address), address).toBe(false);
  });

  it('refuses local NAT64, site-local and reserved IPv6 space outright', () => {
    for (const address of ['64:ff9b:1::8.8.8.8', '64:ff9b:1:abcd::1', 'fec0::1', 'feff::1', '::2:3:4:5'])
      expect(isPrivateAddress(address), address).toBe(true);
  });

  it('is not fooled by spellings: case, leading zeros, full form', () => {
    for (const address of [
      '0:0:0:0:0:0:0:1',
      '0000:0000:0000:0000:0000:ffff:7f00:0001',
      '::FFFF:7F00:1',
      '2002:7F00:0001::',
      'FEC0:0:0:0:0:0:0:1',
    ])
      expect(isPrivateAddress(address), address).toBe(true);
  });
});
