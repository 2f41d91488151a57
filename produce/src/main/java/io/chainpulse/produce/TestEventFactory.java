package io.chainpulse.produce;

import io.chainpulse.ingest.evm.RawKeys;
import io.chainpulse.schemas.ChainKinds;
import io.chainpulse.schemas.Topics;
import io.chainpulse.schemas.raw.RawChainEvent;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Builds raw Droppio logs exactly as ingest publishes them (same topics, ABI-encoded data, routing key), marked
 * {@code origin=TEST}, each with a fresh transaction hash so the processor's dedupe never folds two together.
 * Thread-safe: benchmarks may share one factory between producer threads.
 */
public final class TestEventFactory {
    /** keccak256("TipSent(address,address,uint256,bytes32)"). */
    public static final String TIP_SENT_TOPIC = "0x90d0d1c278e2812025e0ffbbb2b6a12866b8bfa21446645ba063259a3f48949a";
    /** keccak256("Withdraw(address,uint256)"). */
    public static final String WITHDRAW_TOPIC = "0x884edad9ce6fa2440d8a54cc123490eb96d2768479d49ff9c7366125a9424364";
    public static final String ORIGIN = "TEST";

    private static final HexFormat HEX = HexFormat.of();
    private final SecureRandom random = new SecureRandom();
    private final String chainId;
    private final String contractAddress;
    private final AtomicLong nextBlock;

    /** Events of chain {@code chainId} (decimal) from the Droppio contract at {@code contractAddress}. */
    public TestEventFactory(String chainId, String contractAddress) {
        if (chainId == null || !chainId.matches("\\d+")) {
            throw new IllegalArgumentException("the chain id must be decimal digits, was " + chainId);
        }
        requireAddress("contract address", contractAddress);
        this.chainId = chainId;
        this.contractAddress = contractAddress.toLowerCase(Locale.ROOT);
        // synthetic block numbers far above a dev chain's, rising, so test events sort after real ones
        this.nextBlock = new AtomicLong(System.currentTimeMillis());
    }

    public RawChainEvent tip(String from, String to, BigInteger amountWei, String sessionId) {
        return event(List.of(TIP_SENT_TOPIC, word(from), word(to)), "0x" + uint256(amountWei) + sessionId.substring(2).toLowerCase(Locale.ROOT));
    }

    public RawChainEvent withdraw(String creator, BigInteger amountWei) {
        return event(List.of(WITHDRAW_TOPIC, word(creator)), "0x" + uint256(amountWei));
    }

    public RawChainEvent build(TestEventKind kind, TestEventRequest request) {
        return kind.build(this, request);
    }

    /** The record for the raw topic, keyed like ingest keys it (by the wallet the event is about). */
    public static ProducerRecord<String, RawChainEvent> record(Topics topics, RawChainEvent event) {
        return new ProducerRecord<>(topics.raw().name(), RawKeys.of(event), event);
    }

    /** A random bytes32, 0x-hex: session ids and hashes. */
    public String randomWord() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "0x" + HEX.formatHex(bytes);
    }

    private RawChainEvent event(List<String> topics, String data) {
        long now = System.currentTimeMillis();
        return RawChainEvent.newBuilder()
                .setChain(ChainKinds.EVM)
                .setChainId(chainId)
                .setContractAddress(contractAddress)
                .setBlockNumber(nextBlock.getAndIncrement())
                .setBlockHash(randomWord())
                .setBlockTimestamp(now)
                .setTxHash(randomWord())
                .setLogIndex(0)
                .setTopics(topics)
                .setData(data)
                .setRemoved(false)
                .setEventId(null)
                .setOrigin(ORIGIN)
                .setIngestedAt(now)
                .build();
    }

    private static String word(String address) {
        return "0x" + "0".repeat(24) + address.substring(2).toLowerCase(Locale.ROOT);
    }

    private static String uint256(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException("amount does not fit uint256: " + value);
        }
        return String.format("%064x", value);
    }

    static void requireAddress(String what, String address) {
        if (address == null || !address.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("the " + what + " must be 0x + 40 hex digits, was " + address);
        }
    }
}
