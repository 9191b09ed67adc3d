// The learner's client: one HTTP request to the first proxy, honest or with forged headers.
import http from 'node:http';
import { readBody, toRequestHeaders } from './headers.mjs';

/**
 * Send GET /whoami to `entry` from `clientAddress`. `forged` is `{ xff?, xfp?, xfh? }`: header
 * values an attacking client makes up (each sent only when non-empty); `null` for an honest
 * browser. The header order and User-Agent match the client in src/sim/proxy/hops.ts.
 */
export function sendLabRequest({ entry, clientAddress, forged = null }) {
  const lines = [['host', `${entry.host}:${entry.port}`]];
  if (forged) {
    if (forged.xff) lines.push(['x-forwarded-for', forged.xff]);
    if (forged.xfp) lines.push(['x-forwarded-proto', forged.xfp]);
    if (forged.xfh) lines.push(['x-forwarded-host', forged.xfh]);
  }
  lines.push(['user-agent', forged ? 'curl/8.5.0' : 'Mozilla/5.0']);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: entry.host,
        port: entry.port,
        path: '/whoami',
        method: 'GET',
        headers: toRequestHeaders(lines),
        agent: false,
        ...(clientAddress && clientAddress !== entry.host ? { localAddress: clientAddress } : {}),
      },
      (response) => {
        readBody(response)
          .then((text) =>
            resolve({ status: response.statusCode ?? 0, sent: lines, body: JSON.parse(text) }),
          )
          .catch(reject);
      },
    );
    request.on('error', reject);
    request.end();
  });
}
