package io.chainpulse.testevents;

import io.chainpulse.schemas.ChainKinds;
import io.chainpulse.schemas.raw.RawChainEvent;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Droppio {@code TipSent(from, to, amount, sessionId)} logs as EVM ingest publishes them: the configured chain and
 * contract, indexed addresses as padded topics, ABI-encoded data, a fresh transaction hash each. Thread-safe.
 */
final class DroppioTestTips {
    /** keccak256("TipSent(address,address,uint256,bytes32)"). */
    static final String TIP_SENT_TOPIC = "0x90d0d1c278e2812025e0ffbbb2b6a12866b8bfa21446645ba063259a3f48949a";
    private static final HexFormat HEX = HexFormat.of();

    private final String chainId;
    private final String contract;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong nextBlock;

    DroppioTestTips(String chainId, String contract, Clock clock) {
        this.chainId = chainId;
        this.contract = contract.toLowerCase(Locale.ROOT);
        this.clock = clock;
        // synthetic block numbers far above a dev chain's, rising, so test tips sort after real ones
        this.nextBlock = new AtomicLong(clock.millis());
    }

    RawChainEvent tip(String from, String to, BigInteger amountWei) {
        long now = clock.millis();
        return RawChainEvent.newBuilder()
                .setChain(ChainKinds.EVM).setChainId(chainId).setContractAddress(contract)
                .setBlockNumber(nextBlock.getAndIncrement()).setBlockHash(randomWord()).setBlockTimestamp(now)
                .setTxHash(randomWord()).setLogIndex(0)
                .setTopics(List.of(TIP_SENT_TOPIC, word(from), word(to)))
                // amount, then a zero session id: a tip outside a live session
                .setData("0x" + String.format("%064x", amountWei) + "0".repeat(64))
                .setRemoved(false).setEventId(null).setOrigin(TestEventWriter.ORIGIN).setIngestedAt(now)
                .build();
    }

    /** The key EVM ingest gives a tip: the chain and the lowercased wallet tipped, so a creator's tips stay in order. */
    static String routingKey(RawChainEvent tip) {
        return "evm:" + tip.getChainId() + ":0x" + tip.getTopics().get(2).substring(26);
    }

    static boolean isAddress(String address) {
        return address != null && address.matches("0x[0-9a-fA-F]{40}");
    }

    String randomAddress() {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        return "0x" + HEX.formatHex(bytes);
    }

    private String randomWord() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "0x" + HEX.formatHex(bytes);
    }

    private static String word(String address) {
        return "0x" + "0".repeat(24) + address.substring(2).toLowerCase(Locale.ROOT);
    }
}
