package io.chainpulse.processor;

import io.chainpulse.schemas.ChainKinds;
import io.chainpulse.schemas.raw.RawChainEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.UUID;

/** Raw Droppio logs as ingest would publish them. */
public final class TestLogs {
    public static final String CHAIN_ID = "31337";
    public static final String CONTRACT = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    public static final String TIP_SENT = "0x90d0d1c278e2812025e0ffbbb2b6a12866b8bfa21446645ba063259a3f48949a";
    public static final String WITHDRAW = "0x884edad9ce6fa2440d8a54cc123490eb96d2768479d49ff9c7366125a9424364";

    private TestLogs() {}

    public static String aTxHash() {
        return "0x" + (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }

    public static RawChainEvent aTip(String from, String to, BigInteger wei, String txHash, int logIndex) {
        return RawChainEvent.newBuilder()
                .setChain(ChainKinds.EVM).setChainId(CHAIN_ID).setContractAddress(CONTRACT)
                .setBlockNumber(100).setBlockHash("0xblock100").setBlockTimestamp(1_763_769_600_000L)
                .setTxHash(txHash).setLogIndex(logIndex)
                .setTopics(List.of(TIP_SENT, word(from), word(to)))
                .setData("0x" + String.format("%064x", wei) + "ab".repeat(32))
                .setIngestedAt(System.currentTimeMillis())
                .build();
    }

    public static RawChainEvent aWithdraw(String creator, BigInteger wei, String txHash) {
        return RawChainEvent.newBuilder()
                .setChain(ChainKinds.EVM).setChainId(CHAIN_ID).setContractAddress(CONTRACT)
                .setBlockNumber(101).setBlockHash("0xblock101").setBlockTimestamp(1_763_769_602_000L)
                .setTxHash(txHash).setLogIndex(0)
                .setTopics(List.of(WITHDRAW, word(creator)))
                .setData("0x" + String.format("%064x", wei))
                .setIngestedAt(System.currentTimeMillis())
                .build();
    }

    public static RawChainEvent removed(RawChainEvent event) {
        return RawChainEvent.newBuilder(event).setRemoved(true).build();
    }

    static String word(String address) {
        return "0x" + "0".repeat(24) + address.substring(2).toLowerCase();
    }

    public static BigInteger eth(String amount) {
        return new BigDecimal(amount).movePointRight(18).toBigIntegerExact();
    }
}
