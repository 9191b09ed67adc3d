// The learner's client: one HTTP request to the first proxy, honest or with forged headers.
import http from 'node:http';
import { readBody, toRequestHeaders } from './headers.mjs';

/**
 * Send GET /whoami to `entry` from `clientAddress`. `forged` is `{ xff?, xfp? }`: header values
 * the client makes up (an attacker), or nothing for an honest request.
 */
export function sendLabRequest({ entry, clientAddress, forged = {} }) {
  const lines = [['host', `${entry.host}:${entry.port}`]];
  if (forged.xff !== undefined) lines.push(['x-forwarded-for', forged.xff]);
  if (forged.xfp !== undefined) lines.push(['x-forwarded-proto', forged.xfp]);
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
