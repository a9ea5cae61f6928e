// The benchmark's web: one process serving 100 loopback hosts (127.0.1.1 - 127.0.1.100) on one port,
// each response delayed by the given latency. It runs apart from the checkers (child_process.fork) so
// that its CPU is not counted as theirs. Host 1 also serves /index.html, a page linking every URL, for
// linkinator, which checks the links of a page.
//   forked by links.bench.mjs: argv <hosts> <latencyMs>; sends {port} when listening, {requests} on 'stats'.
import { createServer } from 'node:http';

const hosts = Number(process.argv[2] ?? 100);
const latency = Number(process.argv[3] ?? 20);
let requests = 0;
let connections = 0;
let cpuAtReset = process.cpuUsage();
let page = '<!doctype html><title>links</title>\n';

function handle(req, res) {
  if (req.url === '/index.html') {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(page) });
    res.end(page);
    return;
  }
  requests++;
  setTimeout(() => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': 2 });
    res.end(req.method === 'HEAD' ? undefined : 'ok');
  }, latency);
}

export function hostAddress(i) {
  return `127.0.1.${i}`;
}

async function listenAll() {
  // The first host picks a free port; the others take the same one (a port is free per address).
  for (let attempt = 0; attempt < 20; attempt++) {
    const servers = [];
    let port = 0;
    try {
      for (let i = 1; i <= hosts; i++) {
        const server = createServer({ keepAliveTimeout: 60_000 }, handle);
        server.keepAliveTimeout = 60_000;
        server.on('connection', () => connections++);
        await new Promise((resolve, reject) => {
          server.once('error', reject);
          server.listen(port, hostAddress(i), resolve);
        });
        servers.push(server);
        port = server.address().port;
      }
      return port;
    } catch {
      for (const server of servers) server.close();
    }
  }
  throw new Error('no port free on all hosts');
}

const port = await listenAll();
process.on('message', (message) => {
  if (message.type === 'page') page += message.html;
  else if (message.type === 'page-done') process.send({ type: 'page-ready' });
  else if (message.type === 'stats') {
    const cpu = process.cpuUsage(cpuAtReset);
    process.send({ type: 'stats', requests, connections, cpuMs: (cpu.user + cpu.system) / 1000 });
  } else if (message.type === 'reset') {
    requests = 0;
    connections = 0;
    cpuAtReset = process.cpuUsage();
  } else if (message.type === 'exit') process.exit(0);
});
process.send({ type: 'listening', port });
