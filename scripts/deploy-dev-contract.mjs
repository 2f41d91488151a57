// Deploys contracts/build/Droppio.json to a dev chain from anvil's first unlocked account (no key needed),
// and waits for the receipt. On a fresh anvil the first deployment lands at
// 0x5fbdb2315678afecb367f032d93f642f64180aa3, the address docker-compose.yml gives the apps.
// Usage: node scripts/deploy-dev-contract.mjs http://anvil:8545
import { readFile } from 'node:fs/promises';

const rpcUrl = process.argv[2] ?? 'http://127.0.0.1:8545';
const DEV_ACCOUNT = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';

async function rpc(method, params) {
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
      });
      const body = await response.json();
      if (body.error) throw new Error(`${method}: ${body.error.message}`);
      return body.result;
    } catch (error) {
      if (attempt >= 60) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

const artifact = JSON.parse(await readFile(new URL('../contracts/build/Droppio.json', import.meta.url), 'utf8'));
const code = await rpc('eth_getCode', ['0x5fbdb2315678afecb367f032d93f642f64180aa3', 'latest']);
if (code && code !== '0x') {
  console.log('Droppio already deployed at 0x5fbdb2315678afecb367f032d93f642f64180aa3');
  process.exit(0);
}
const bytecode = artifact.bytecode.startsWith('0x') ? artifact.bytecode : `0x${artifact.bytecode}`;
const txHash = await rpc('eth_sendTransaction', [{ from: DEV_ACCOUNT, data: bytecode, gas: '0x2dc6c0' }]);
let receipt = null;
while (!receipt) {
  receipt = await rpc('eth_getTransactionReceipt', [txHash]);
  if (!receipt) await new Promise((resolve) => setTimeout(resolve, 200));
}
console.log(`Droppio deployed at ${receipt.contractAddress}`);
