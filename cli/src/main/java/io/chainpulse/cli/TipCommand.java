package io.chainpulse.cli;

import io.chainpulse.localstack.AnvilChain;
import io.chainpulse.localstack.DroppioClient;
import io.chainpulse.localstack.RepoRoot;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Sends a real tip transaction to the Droppio contract of the dev chain (or BASE_RPC_URL). */
@Command(name = "tip", mixinStandardHelpOptions = true,
        description = "Send a real tip(to) transaction. Uses the running dev stack, or BASE_RPC_URL + "
                + "DROPPIO_CONTRACT_ADDRESS + TIPPER_PRIVATE_KEY.")
final class TipCommand implements Runnable {
    @Option(names = "--to", required = true, description = "The creator's wallet.")
    String to;

    @Option(names = "--amount", required = true, description = "Amount in ETH, e.g. 0.05.")
    BigDecimal amountEth;

    @Option(names = "--count", defaultValue = "1", description = "How many tips to send (default ${DEFAULT-VALUE}).")
    int count;

    @Override
    public void run() {
        if (amountEth.signum() <= 0) {
            throw new IllegalArgumentException("--amount must be > 0, was " + amountEth);
        }
        Target target = Target.resolve(System.getenv());
        try (DroppioClient client = new DroppioClient(target.rpcUrl(), target.privateKey(), target.chainId())) {
            for (int i = 0; i < count; i++) {
                TransactionReceipt receipt = client.tip(target.contract(), to, amountEth);
                System.out.println("tip of " + amountEth.toPlainString() + " ETH to " + to + " mined in block "
                        + receipt.getBlockNumber() + ", tx " + receipt.getTransactionHash());
            }
        }
    }

    record Target(String rpcUrl, String contract, String privateKey, long chainId) {
        static Target resolve(Map<String, String> env) {
            String rpc = env.get("BASE_RPC_URL");
            String contract = env.get("DROPPIO_CONTRACT_ADDRESS");
            if (rpc != null && contract != null) {
                String httpUrl = Arrays.stream(rpc.split(",")).map(String::trim)
                        .filter(u -> u.startsWith("http")).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("BASE_RPC_URL needs an http(s) URL to send tips"));
                String key = env.get("TIPPER_PRIVATE_KEY");
                long chainId = Long.parseLong(env.getOrDefault("EVM_CHAIN_ID", String.valueOf(AnvilChain.CHAIN_ID)));
                if (key == null) {
                    if (chainId != AnvilChain.CHAIN_ID) {
                        throw new IllegalArgumentException("TIPPER_PRIVATE_KEY is required outside the dev chain");
                    }
                    key = AnvilChain.DEV_PRIVATE_KEY;
                }
                return new Target(httpUrl, contract, key, chainId);
            }
            DevState dev = DevState.read(RepoRoot.find()).orElseThrow(() -> new IllegalArgumentException(
                    "no dev stack found: start `./chainpulse dev` first, or set BASE_RPC_URL and DROPPIO_CONTRACT_ADDRESS"));
            return new Target(dev.rpcUrl(), dev.contractAddress(), AnvilChain.DEV_PRIVATE_KEY, dev.chainId());
        }
    }
}
