// Header lists as the lab's servers see and send them: an ordered list of [name, value] pairs
// with lower-case names, so repeated header lines stay separate lines (Node's `req.headers`
// would join them and hide what each proxy really sent).

/** `req.rawHeaders` (name, value, name, value…) → [[name, value], …] with lower-case names. */
export function readHeaderLines(rawHeaders) {
  const lines = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    lines.push([rawHeaders[i].toLowerCase(), rawHeaders[i + 1]]);
  }
  return lines;
}

/** The values of every line called `name`, in order. */
export function valuesOf(lines, name) {
  return lines.filter(([key]) => key === name).map(([, value]) => value);
}

/** Drop every line called `name`. */
export function withoutHeader(lines, name) {
  return lines.filter(([key]) => key !== name);
}

/** Replace every line called `name` with one line (at the position of the first, or the end). */
export function setHeader(lines, name, value) {
  const at = lines.findIndex(([key]) => key === name);
  const rest = withoutHeader(lines, name);
  const position = at === -1 ? rest.length : Math.min(at, rest.length);
  return [...rest.slice(0, position), [name, value], ...rest.slice(position)];
}

/** [[name, value], …] → the object `http.request` takes (an array for repeated lines). */
export function toRequestHeaders(lines) {
  const out = {};
  for (const [name, value] of lines) {
    const previous = out[name];
    if (previous === undefined) out[name] = value;
    else if (Array.isArray(previous)) previous.push(value);
    else out[name] = [previous, value];
  }
  return out;
}

/** The TCP peer's address as text, without the IPv4-mapped IPv6 prefix. */
export function peerAddress(socket) {
  const address = socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/** Read a whole request or response body as text, refusing anything over `limitBytes`. */
export function readBody(stream, limitBytes = 1 << 20) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    stream.on('data', (chunk) => {
      size += chunk.length;
      if (size > limitBytes) {
        reject(new Error(`body over ${limitBytes} bytes`));
        stream.destroy();
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}
