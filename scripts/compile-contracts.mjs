// Compiles contracts/Droppio.sol and contracts/DoubleTipper.sol with the npm solc into contracts/build/<Name>.json.
// With --check, compiles in memory and exits 1 when a committed build file is missing or stale.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import solc from 'solc';

const CONTRACTS = ['Droppio', 'DoubleTipper'];
const repoDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const contractsDir = join(repoDir, 'contracts');
const buildDir = join(contractsDir, 'build');

const input = {
  language: 'Solidity',
  sources: Object.fromEntries(
    CONTRACTS.map((name) => [`${name}.sol`, { content: readFileSync(join(contractsDir, `${name}.sol`), 'utf8') }]),
  ),
  settings: {
    optimizer: { enabled: true, runs: 200 },
    // cancun runs on Base and on anvil's default hardfork.
    evmVersion: 'cancun',
    // No source hash in the bytecode, so comment or line-ending changes do not alter it.
    metadata: { bytecodeHash: 'none' },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
  },
};

const output = JSON.parse(solc.compile(JSON.stringify(input)));
const diagnostics = output.errors ?? [];
for (const diagnostic of diagnostics) {
  console.error(diagnostic.formattedMessage.trimEnd());
}
if (diagnostics.some((diagnostic) => diagnostic.severity === 'error')) {
  console.error('compile-contracts: compilation failed');
  process.exit(1);
}

const artifacts = CONTRACTS.map((name) => {
  const contract = output.contracts[`${name}.sol`][name];
  const artifact = {
    contractName: name,
    abi: contract.abi,
    bytecode: `0x${contract.evm.bytecode.object}`,
    deployedBytecode: `0x${contract.evm.deployedBytecode.object}`,
    solcVersion: solc.version(),
  };
  return { file: join(buildDir, `${name}.json`), text: `${JSON.stringify(artifact, null, 2)}\n` };
});

if (process.argv.includes('--check')) {
  const stale = artifacts.filter(({ file, text }) => !existsSync(file) || readFileSync(file, 'utf8') !== text);
  if (stale.length > 0) {
    for (const { file } of stale) {
      console.error(`compile-contracts: ${relative(repoDir, file)} is missing or differs from a fresh compilation`);
    }
    console.error('compile-contracts: run `node scripts/compile-contracts.mjs` and commit contracts/build/');
    process.exit(1);
  }
  console.log(`compile-contracts: ${artifacts.length} build files match solc ${solc.version()}`);
} else {
  mkdirSync(buildDir, { recursive: true });
  for (const { file, text } of artifacts) {
    writeFileSync(file, text);
    console.log(`compile-contracts: wrote ${relative(repoDir, file)}`);
  }
}
