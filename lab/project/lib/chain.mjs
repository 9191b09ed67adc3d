// Start a whole chain — client → proxy 1 → … → proxy n → app — on loopback.
//
// Every hop connects to the next from its own loopback address (127.0.0.2, .3, …) when the
// system allows it (Linux routes all of 127.0.0.0/8 to the loopback interface), so each proxy
// appends a different, real TCP peer. Where only 127.0.0.1 works (macOS without aliases,
// possibly WebContainer) everything comes from 127.0.0.1 and `distinctAddresses` says so.
import net from 'node:net';
import { startApp } from './app.mjs';
import { startProxy } from './proxy.mjs';

export const LISTEN_HOST = '127.0.0.1';

/** The address the client (index 0) and proxy i (index i + 1) connect from. */
export function sourceAddress(index) {
  return `127.0.0.${index + 2}`;
}

/**
 * True when a connection made from 127.0.0.2 really arrives from 127.0.0.2 (all of 127/8 is
 * usable). Anything else — an error, a timeout, or the peer showing up as another address,
 * as an emulated network stack might do — means every hop connects from 127.0.0.1.
 */
export function canUseDistinctAddresses(limitMs = 2000) {
  return new Promise((resolve) => {
    let settled = false;
    const server = net.createServer();
    const finish = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      server.close();
      resolve(result);
    };
    const timer = setTimeout(() => finish(false), limitMs);
    server.on('connection', (socket) => {
      const seen = socket.remoteAddress ?? '';
      socket.destroy();
      finish(seen === sourceAddress(0) || seen === `::ffff:${sourceAddress(0)}`);
    });
    server.once('error', () => finish(false));
    server.listen(0, LISTEN_HOST, () => {
      try {
        const client = net.connect({
          host: LISTEN_HOST,
          port: server.address().port,
          localAddress: sourceAddress(0),
        });
        client.on('error', () => finish(false));
        client.on('close', () => client.destroy());
      } catch {
        // An emulated stack may refuse the option outright.
        finish(false);
      }
    });
  });
}

export async function startChain(config) {
  // FDL_LAB_LOOPBACK_ONLY=1 forces the 127.0.0.1-only mode (tests use it to cover that path).
  const distinct =
    process.env.FDL_LAB_LOOPBACK_ONLY === '1' ? false : await canUseDistinctAddresses();
  const from = (index) => (distinct ? sourceAddress(index) : undefined);
  const servers = [];
  const portFor = (offset) => (config.basePort === 0 ? 0 : config.basePort + offset);
  try {
    const app = await startApp({
      host: LISTEN_HOST,
      port: portFor(0),
      proxyFixOptions: { x_for: config.x_for },
    });
    servers.push(app);
    let upstream = { host: LISTEN_HOST, port: app.address().port };
    const hops = [];
    for (let i = config.hops.length - 1; i >= 0; i -= 1) {
      const kind = config.hops[i];
      const name = `${kind} (hop ${i + 1})`;
      const server = await startProxy({
        kind,
        name,
        host: LISTEN_HOST,
        port: portFor(i + 1),
        upstream,
        localAddress: from(i + 1),
      });
      servers.push(server);
      const port = server.address().port;
      hops.unshift({ name, kind, port, connectsFrom: from(i + 1) ?? LISTEN_HOST });
      upstream = { host: LISTEN_HOST, port };
    }
    return {
      config,
      entry: upstream,
      appPort: app.address().port,
      hops,
      clientAddress: from(0) ?? LISTEN_HOST,
      distinctAddresses: distinct,
      close: () => Promise.all(servers.map((s) => new Promise((r) => s.close(() => r())))),
    };
  } catch (error) {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(() => r()))));
    throw error;
  }
}
