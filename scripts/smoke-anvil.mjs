// Manual end-to-end check: start anvil on a free port, deploy Droppio and DoubleTipper,
// send one tip of 0.05 ETH and one double tip, print the TipSent logs, stop anvil.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ContractFactory, JsonRpcProvider, Wallet, formatEther, parseEther } from 'ethers';

const scriptsDir = dirname(fileURLToPath(import.meta.url));
const artifact = (name) => JSON.parse(readFileSync(join(scriptsDir, '..', 'contracts', 'build', `${name}.json`), 'utf8'));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function startAnvil(port) {
  const anvilPath = execFileSync(process.execPath, [join(scriptsDir, 'find-anvil.mjs')], { encoding: 'utf8' }).trim();
  const anvil = spawn(anvilPath, ['--host', '127.0.0.1', '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('anvil did not start within 15 s')), 15_000);
    anvil.stdout.on('data', (chunk) => {
      if (chunk.toString().includes('Listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    anvil.on('exit', (code) => reject(new Error(`anvil exited early with code ${code}`)));
  });
  return { anvil, ready };
}

function printTipSent(droppio, receipt) {
  for (const log of receipt.logs) {
    const parsed = droppio.interface.parseLog(log);
    if (parsed?.name !== 'TipSent') continue;
    const { from, to, amount, sessionId } = parsed.args;
    console.log(`TipSent block=${log.blockNumber} tx=${log.transactionHash} logIndex=${log.index}`);
    console.log(`  from=${from} to=${to} amount=${formatEther(amount)} ETH sessionId=${sessionId}`);
  }
}

const port = await freePort();
const { anvil, ready } = startAnvil(port);
try {
  await ready;
  const provider = new JsonRpcProvider(`http://127.0.0.1:${port}`, undefined, { staticNetwork: true, cacheTimeout: -1 });
  const deployer = await provider.getSigner(0);
  console.log(`anvil on port ${port}, chainId ${(await provider.getNetwork()).chainId}, deployer ${deployer.address}`);

  const droppioArtifact = artifact('Droppio');
  const droppio = await new ContractFactory(droppioArtifact.abi, droppioArtifact.bytecode, deployer).deploy();
  await droppio.waitForDeployment();
  const tipperArtifact = artifact('DoubleTipper');
  const tipper = await new ContractFactory(tipperArtifact.abi, tipperArtifact.bytecode, deployer).deploy();
  await tipper.waitForDeployment();
  console.log(`Droppio at ${await droppio.getAddress()}, DoubleTipper at ${await tipper.getAddress()}`);

  const creator = Wallet.createRandom().address;
  const tipReceipt = await (await droppio.tip(creator, { value: parseEther('0.05') })).wait();
  printTipSent(droppio, tipReceipt);

  const doubleReceipt = await (await tipper.tipTwice(await droppio.getAddress(), creator, { value: parseEther('0.02') })).wait();
  printTipSent(droppio, doubleReceipt);

  const fromChain = await droppio.queryFilter(droppio.filters.TipSent(null, creator), 0, 'latest');
  console.log(`eth_getLogs found ${fromChain.length} TipSent logs for ${creator}`);
  provider.destroy();
} finally {
  anvil.kill('SIGTERM');
}
