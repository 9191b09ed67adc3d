/**
 * A client that talks to Gunicorn the way a load balancer does on the keep-alive question:
 * it keeps one connection, sends the next request on it while it is idle, drops it when it
 * sees the target's FIN (or a `Connection: close` response) or after its own idle timeout,
 * and never retries a failed request.
 */
import net from 'node:net';
import type { HttpMethod } from '../../src/sim/keepalive/mechanics';

export interface ClientResult {
  status: number | null;
  reused: boolean;
  error?: string;
}

export class AlbLikeClient {
  private socket: net.Socket | null = null;
  private usable = false;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly port: number,
    private readonly idleTimeoutMs: number,
  ) {}

  send(method: HttpMethod, probe: string): Promise<ClientResult> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const reused = this.socket !== null && this.usable;
    if (!reused) {
      this.socket?.destroy();
      this.socket = this.open();
    }
    const socket = this.socket!;
    this.usable = false; // busy
    const body = method === 'POST' ? 'x=1' : '';
    socket.write(
      `${method} / HTTP/1.1\r\nHost: gunicorn\r\nX-Probe: ${probe}\r\n` +
        `Content-Length: ${body.length}\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n${body}`,
    );
    return new Promise((resolve) => {
      let buffer = Buffer.alloc(0);
      const finish = (result: ClientResult, keep: boolean) => {
        socket.off('data', onData);
        socket.off('end', onFail);
        socket.off('close', onFail);
        socket.off('error', onError);
        if (keep && !socket.destroyed && !socket.readableEnded) {
          this.usable = true;
          this.idleTimer = setTimeout(() => {
            this.usable = false;
            socket.end(); // the proxy's own idle timeout: it closes first
          }, this.idleTimeoutMs);
        } else {
          socket.destroy();
        }
        resolve(result);
      };
      const onData = (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        const head = buffer.indexOf('\r\n\r\n');
        if (head < 0) return;
        const headers = buffer.subarray(0, head).toString('latin1');
        const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(headers)?.[1] ?? '0');
        if (buffer.length < head + 4 + length) return;
        const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(headers)?.[1] ?? 'NaN');
        const close = /\r\nconnection:\s*close/i.test(headers);
        finish({ status, reused }, !close);
      };
      const onFail = () => {
        finish({ status: null, reused, error: 'connection closed before a response' }, false);
      };
      const onError = (error: Error) => {
        finish({ status: null, reused, error: error.message }, false);
      };
      socket.on('data', onData);
      socket.on('end', onFail);
      socket.on('close', onFail);
      socket.on('error', onError);
    });
  }

  close() {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.socket?.destroy();
    this.socket = null;
  }

  private open(): net.Socket {
    const socket = net.connect({ port: this.port, host: '127.0.0.1', allowHalfOpen: true });
    // Seeing the FIN (or a reset) while idle takes the connection out of use, as nginx's
    // keep-alive close handler does.
    const retire = () => {
      if (this.socket === socket) this.usable = false;
    };
    socket.on('end', retire);
    socket.on('close', retire);
    socket.on('error', retire);
    return socket;
  }
}
