package io.chainpulse.cli;

import io.chainpulse.localstack.AnvilChain;
import io.chainpulse.localstack.DroppioClient;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dev chain's contracts (Droppio and the DoubleTipper helper): those of the previous dev when the chain still has
 * code at their addresses (eth_getCode), so earlier tips and checkpoints stay valid; deployed anew otherwise.
 */
record DevContracts(String droppio, String doubleTipper) {
    private static final Logger log = LoggerFactory.getLogger(DevContracts.class);

    static DevContracts reuseOrDeploy(AnvilChain chain, Optional<DevState> previous) {
        try (DroppioClient client = new DroppioClient(chain.httpUrl(), AnvilChain.DEV_PRIVATE_KEY, AnvilChain.CHAIN_ID)) {
            // the saved addresses count only where this chain has code: a wiped chain gets new contracts
            Optional<DevContracts> reusable = previous
                    .filter(prior -> prior.contractAddress() != null && prior.doubleTipperAddress() != null)
                    .filter(prior -> client.hasCode(prior.contractAddress()) && client.hasCode(prior.doubleTipperAddress()))
                    .map(prior -> new DevContracts(prior.contractAddress(), prior.doubleTipperAddress()));
            if (reusable.isPresent()) {
                log.info("reusing Droppio at {} from the saved local chain", reusable.get().droppio());
                return reusable.get();
            }
            previous.ifPresent(prior -> log.info("the saved local chain has no code at {}; deploying anew",
                    prior.contractAddress()));
            DevContracts deployed = new DevContracts(client.deploy("Droppio"), client.deploy("DoubleTipper"));
            log.info("deployed Droppio at {} on the local chain", deployed.droppio());
            return deployed;
        }
    }
}
