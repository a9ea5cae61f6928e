import { createSocket, type Socket } from 'node:dgram';
import type { LookupAddress } from 'node:dns';
import { Resolver } from 'node:dns/promises';
import { nextHost } from './servers.js';

/**
 * A DNS server on loopback that knows a few names and answers NXDOMAIN for every other. Tests resolve
 * through it (the engine's `resolve` option), so that even the DNS-failure tests send nothing beyond
 * loopback.
 */
export async function startDns(names: Record<string, string>): Promise<{
  resolve: (hostname: string) => Promise<LookupAddress[]>;
  queries: string[];
  close(): Promise<void>;
}> {
  const host = nextHost();
  const queries: string[] = [];
  const socket: Socket = createSocket('udp4');
  socket.on('message', (query, peer) => {
    const { name, type, end } = readQuestion(query);
    queries.push(name);
    const address = names[name.toLowerCase()];
    const answers = address && type === 1 ? [address] : [];
    socket.send(answer(query, end, address === undefined ? 3 : 0, answers), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, host, () => resolve()));
  socket.unref();
  const resolver = new Resolver({ timeout: 500, tries: 1 });
  resolver.setServers([`${host}:${socket.address().port}`]);
  const resolve = async (hostname: string): Promise<LookupAddress[]> => {
    const found = await resolver.resolve4(hostname);
    return found.map((address) => ({ address, family: 4 }));
  };
  return { resolve, queries, close: () => new Promise((done) => socket.close(() => done())) };
}

function readQuestion(query: Buffer): { name: string; type: number; end: number } {
  const labels: string[] = [];
  let offset = 12;
  for (let length = query[offset]!; length > 0; length = query[offset]!) {
    labels.push(query.subarray(offset + 1, offset + 1 + length).toString('latin1'));
    offset += length + 1;
  }
  offset += 1;
  return { name: labels.join('.'), type: query.readUInt16BE(offset), end: offset + 4 };
}

function answer(query: Buffer, questionEnd: number, rcode: number, addresses: string[]): Buffer {
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // id
  header.writeUInt16BE(0x8180 | rcode, 2); // response, recursion desired and available
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(addresses.length, 6);
  const records = addresses.map((address) => {
    const record = Buffer.alloc(16);
    record.writeUInt16BE(0xc00c, 0); // name: pointer to the question
    record.writeUInt16BE(1, 2); // A
    record.writeUInt16BE(1, 4); // IN
    record.writeUInt32BE(60, 6);
    record.writeUInt16BE(4, 10);
    for (const [i, part] of address.split('.').entries()) record.writeUInt8(Number(part), 12 + i);
    return record;
  });
  return Buffer.concat([header, query.subarray(12, questionEnd), ...records]);
}
