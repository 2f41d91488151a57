package io.chainpulse.testevents;

import io.chainpulse.schemas.ChainKinds;
import io.chainpulse.schemas.raw.RawChainEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.stellar.sdk.scval.Scv;
import org.stellar.sdk.xdr.SCVal;

/**
 * StellarStream V2 events as Soroban ingest publishes them: topics {@code (stream_id, action)}, value
 * {@code {action, data: [...], timestamp, version: 2}}, real XDR built by the Stellar SDK, each with a fresh RPC
 * event id so the processor applies it once, and origin TEST. A stream id that is no u64 and a party that is no
 * Soroban address (the original backend's {@code test-stream-123}, {@code GDSENDER...}) are written as strings, which
 * the processor accepts from TEST events only. Thread-safe.
 */
public final class StellarTestEvents {
    /** The testnet native XLM asset contract: the token of test streams. */
    static final String NATIVE_TOKEN = "CDLZFC3SYJYDZT7K67VZ75HPJVIEUVNIXF47ZG2FB2RMQQVU2HHGCYSC";
    private static final long SECONDS_PER_LEDGER = 5;
    private static final BigInteger U64_MAX = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);

    private final String contractId;
    private final String networkId;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong sequence;

    /** Events of StellarStream contract {@code contractId} on the network whose id is {@code networkId} (hex). */
    public StellarTestEvents(String contractId, String networkId, Clock clock) {
        this.contractId = contractId;
        this.networkId = networkId;
        this.clock = clock;
        // the low bits of the event id's TOID; seeded from the clock so ids stay unique across restarts
        this.sequence = new AtomicLong(clock.millis() & 0xFFFFF);
    }

    /** {@code create_v2 [stream_id, sender, receiver, token, amount, start_time, cliff_time, end_time, now, memo]}. */
    public RawChainEvent create(String streamId, String sender, String receiver, BigInteger amount) {
        long now = clock.millis() / 1000;
        return v2(streamId, "create_v2", List.of(streamIdValue(streamId), party(sender), party(receiver),
                Scv.toAddress(NATIVE_TOKEN), Scv.toInt128(amount), u64(now), u64(now), u64(now + 30 * 24 * 3600),
                u64(now), Scv.toString("chainpulse test stream")));
    }

    /** {@code claim [stream_id, beneficiary, to_withdraw, withdrawn_amount_total, now]}. */
    public RawChainEvent claim(String streamId, String beneficiary, BigInteger amount, BigInteger withdrawnTotal) {
        return v2(streamId, "claim", List.of(streamIdValue(streamId), party(beneficiary), Scv.toInt128(amount),
                Scv.toInt128(withdrawnTotal), u64(clock.millis() / 1000)));
    }

    /** {@code cancel [stream_id, caller, to_receiver, to_sender, now]}. */
    public RawChainEvent cancel(String streamId, String caller, BigInteger toReceiver, BigInteger toSender) {
        return v2(streamId, "cancel", List.of(streamIdValue(streamId), party(caller), Scv.toInt128(toReceiver),
                Scv.toInt128(toSender), u64(clock.millis() / 1000)));
    }

    private RawChainEvent v2(String streamId, String action, List<SCVal> args) {
        long nowMillis = clock.millis();
        LinkedHashMap<SCVal, SCVal> data = new LinkedHashMap<>();
        data.put(Scv.toSymbol("action"), Scv.toSymbol(action));
        data.put(Scv.toSymbol("data"), Scv.toVec(args));
        data.put(Scv.toSymbol("timestamp"), u64(nowMillis / 1000));
        data.put(Scv.toSymbol("version"), Scv.toUint32(2));
        long ledger = nowMillis / 1000 / SECONDS_PER_LEDGER;
        byte[] tx = new byte[32];
        random.nextBytes(tx);
        long toid = ledger << 32 | (sequence.getAndIncrement() & 0xFFFFF) << 12;
        return RawChainEvent.newBuilder()
                .setChain(ChainKinds.STELLAR).setChainId(networkId).setContractAddress(contractId)
                .setBlockNumber(ledger).setBlockHash("").setBlockTimestamp(nowMillis)
                .setTxHash(HexFormat.of().formatHex(tx)).setLogIndex(0)
                .setTopics(List.of(xdr(streamIdValue(streamId)), xdr(Scv.toSymbol(action)))).setData(xdr(Scv.toMap(data)))
                .setRemoved(false)
                .setEventId(String.format("%019d-%010d", toid, 0))
                .setOrigin(TestEventWriter.ORIGIN)
                .setIngestedAt(nowMillis)
                .build();
    }

    /** The chain id Soroban ingest gives events of a network: the hex SHA-256 of its passphrase. */
    public static String networkId(String passphrase) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(passphrase.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The key Soroban ingest gives an event: chain, network and RPC event id. */
    public static String routingKey(RawChainEvent event) {
        return "stellar:" + event.getChainId() + ":" + event.getEventId();
    }

    /** Whether {@code address} is a G… account or C… contract the SDK accepts. */
    static boolean isAddress(String address) {
        try {
            Scv.toAddress(address);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A stream id as the contract writes it, a u64, when it is one; otherwise (test-stream-123) a string. */
    static SCVal streamIdValue(String streamId) {
        if (streamId.matches("0|[1-9]\\d{0,19}") && new BigInteger(streamId).compareTo(U64_MAX) <= 0) {
            return Scv.toUint64(new BigInteger(streamId));
        }
        return Scv.toString(streamId);
    }

    /** A Soroban address when it is one; otherwise a placeholder (GDSENDER...) as a string, taken only from TEST. */
    static SCVal party(String address) {
        return isAddress(address) ? Scv.toAddress(address) : Scv.toString(address);
    }

    private static SCVal u64(long value) {
        return Scv.toUint64(BigInteger.valueOf(value));
    }

    private static String xdr(SCVal value) {
        try {
            return value.toXdrBase64();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
