// Entry point: `node send.mjs '{"id":"r1","forged":{"xff":"6.6.6.6"}}'` sends one request
// through the running chain (read from state/ready.json) and writes results/<id>.json.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { sendLabRequest } from './lib/client.mjs';
import { parseForgedValue } from './lib/config.mjs';

async function main() {
  const command = JSON.parse(process.argv[2] ?? '{}');
  const id = String(command.id ?? 'last');
  if (!/^[a-z0-9-]{1,40}$/i.test(id)) throw new Error('bad request id');
  let forged = null;
  if (command.forged) {
    forged = {};
    for (const key of ['xff', 'xfp', 'xfh']) {
      if (command.forged[key] !== undefined) forged[key] = parseForgedValue(command.forged[key]);
    }
  }
  const state = JSON.parse(await readFile('state/ready.json', 'utf8'));
  if (state.error) throw new Error(`the chain did not start: ${state.error}`);
  let result;
  try {
    result = await sendLabRequest({
      entry: state.entry,
      clientAddress: state.clientAddress,
      forged,
    });
  } catch (error) {
    result = { status: 0, error: String(error?.message ?? error) };
  }
  await mkdir('results', { recursive: true });
  await writeFile(`results/${id}.json.tmp`, JSON.stringify(result));
  await rename(`results/${id}.json.tmp`, `results/${id}.json`);
  console.log(`@@LAB result ${id} ${result.status}`);
}

main().catch((error) => {
  console.error(`@@LAB error ${String(error?.message ?? error)}`);
  process.exit(1);
});
