// Entry point: `node chain.mjs '{"hops":["cloudfront","alb"],"x_for":2}'` starts the chain and
// writes state/ready.json (ports and addresses) once every server listens. It runs until
// killed. The page (or a test) then runs send.mjs for each request.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { startChain } from './lib/chain.mjs';
import { parseChainConfig } from './lib/config.mjs';

async function main() {
  const config = parseChainConfig(JSON.parse(process.argv[2] ?? '{}'));
  const chain = await startChain(config);
  const state = {
    config: chain.config,
    entry: chain.entry,
    appPort: chain.appPort,
    hops: chain.hops,
    clientAddress: chain.clientAddress,
    distinctAddresses: chain.distinctAddresses,
    pid: process.pid,
  };
  await mkdir('state', { recursive: true });
  await writeFile('state/ready.json.tmp', JSON.stringify(state));
  await rename('state/ready.json.tmp', 'state/ready.json');
  console.log(`@@LAB ready ${JSON.stringify(state)}`);
  const stop = () => {
    void chain.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch(async (error) => {
  const message = String(error?.message ?? error);
  await mkdir('state', { recursive: true }).catch(() => {});
  await writeFile('state/ready.json', JSON.stringify({ error: message })).catch(() => {});
  console.error(`@@LAB error ${message}`);
  process.exit(1);
});
