/**
 * A TCP link with latency: listens on 127.0.0.1, connects to a target port, and delivers
 * everything one way `delayMs` after it arrived (data, FIN and reset alike), in order.
 * Loopback delivers in microseconds; this stands in for the network between a load
 * balancer and its target, so the keep-alive race has a window wide enough to hit.
 *
 * A reset from the target (a request reaching a socket Gunicorn has closed) is passed on as
 * a reset (`resetAndDestroy`, Node 16.17+/18.3+).
 */
import net from 'node:net';

export interface Link {
  port: number;
  close: () => Promise<void>;
}

export function startLink(targetPort: number, delayMs: number): Promise<Link> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ allowHalfOpen: true }, (down) => {
    const up = new net.Socket({ allowHalfOpen: true });
    sockets.add(down).add(up);
    const later = (action: () => void) => {
      setTimeout(action, delayMs);
    };
    const gone = (s: net.Socket) => s.destroyed;
    later(() => {
      if (!gone(down)) up.connect(targetPort, '127.0.0.1');
    });
    down.on('data', (chunk: Buffer) => {
      later(() => {
        if (!gone(up)) up.write(chunk);
      });
    });
    down.on('end', () => {
      later(() => {
        if (!gone(up)) up.end();
      });
    });
    down.on('error', () => {
      later(() => {
        if (!gone(up)) up.resetAndDestroy();
      });
    });
    down.on('close', () => {
      sockets.delete(down);
      later(() => {
        if (!gone(up)) up.destroySoon();
      });
    });
    up.on('data', (chunk: Buffer) => {
      later(() => {
        if (!gone(down)) down.write(chunk);
      });
    });
    up.on('end', () => {
      later(() => {
        if (!gone(down)) down.end();
      });
    });
    up.on('error', () => {
      later(() => {
        if (!gone(down)) down.resetAndDestroy();
      });
    });
    up.on('close', () => {
      sockets.delete(up);
      later(() => {
        if (!gone(down)) down.destroySoon();
      });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('link: no port'));
        return;
      }
      resolve({
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => {
              done();
            });
          }),
      });
    });
  });
}
