// Prints the absolute path of the anvil binary shipped by the @foundry-rs/anvil-<os>-<arch> npm package.
// Java tests run `node scripts/find-anvil.mjs` and read the single line it prints.
import { createRequire } from 'node:module';

const PLATFORM_PACKAGES = {
  'linux-x64': '@foundry-rs/anvil-linux-amd64',
  'linux-arm64': '@foundry-rs/anvil-linux-arm64',
  'darwin-x64': '@foundry-rs/anvil-darwin-amd64',
  'darwin-arm64': '@foundry-rs/anvil-darwin-arm64',
  'win32-x64': '@foundry-rs/anvil-win32-amd64',
};

const platform = `${process.platform}-${process.arch}`;
const packageName = PLATFORM_PACKAGES[platform];
if (!packageName) {
  console.error(`find-anvil: no anvil package for platform ${platform}`);
  process.exit(1);
}

const binaryName = process.platform === 'win32' ? 'anvil.exe' : 'anvil';
try {
  const require = createRequire(import.meta.url);
  console.log(require.resolve(`${packageName}/bin/${binaryName}`));
} catch {
  console.error(`find-anvil: ${packageName} is not installed; run \`npm ci\` in the repository root`);
  process.exit(1);
}
