package io.chainpulse.testevents;

import io.chainpulse.schemas.ChainKinds;
import io.chainpulse.schemas.raw.RawChainEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
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
 * event id so the processor applies it once. Thread-safe.
 */
final class StellarTestEvents {
    /** The testnet native XLM asset contract: the token of test streams. */
    static final String NATIVE_TOKEN = "CDLZFC3SYJYDZT7K67VZ75HPJVIEUVNIXF47ZG2FB2RMQQVU2HHGCYSC";
    private static final long SECONDS_PER_LEDGER = 5;

    private final String contractId;
    private final String networkId;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong sequence;

    StellarTestEvents(String contractId, String networkId, Clock clock) {
        this.contractId = contractId;
        this.networkId = networkId;
        this.clock = clock;
        // the low bits of the event id's TOID; seeded from the clock so ids stay unique across restarts
        this.sequence = new AtomicLong(clock.millis() & 0xFFFFF);
    }

    /** {@code create_v2 [stream_id, sender, receiver, token, amount, start_time, cliff_time, end_time, now, memo]}. */
    RawChainEvent create(BigInteger streamId, String sender, String receiver, BigInteger amount) {
        long now = clock.millis() / 1000;
        return v2(streamId, "create_v2", List.of(u64(streamId), Scv.toAddress(sender), Scv.toAddress(receiver),
                Scv.toAddress(NATIVE_TOKEN), Scv.toInt128(amount), u64(now), u64(now), u64(now + 30 * 24 * 3600),
                u64(now), Scv.toString("chainpulse test stream")));
    }

    /** {@code claim [stream_id, beneficiary, to_withdraw, withdrawn_amount_total, now]}. */
    RawChainEvent claim(BigInteger streamId, String beneficiary, BigInteger amount, BigInteger withdrawnTotal) {
        return v2(streamId, "claim", List.of(u64(streamId), Scv.toAddress(beneficiary), Scv.toInt128(amount),
                Scv.toInt128(withdrawnTotal), u64(clock.millis() / 1000)));
    }

    /** {@code cancel [stream_id, caller, to_receiver, to_sender, now]}. */
    RawChainEvent cancel(BigInteger streamId, String caller, BigInteger toReceiver, BigInteger toSender) {
        return v2(streamId, "cancel", List.of(u64(streamId), Scv.toAddress(caller), Scv.toInt128(toReceiver),
                Scv.toInt128(toSender), u64(clock.millis() / 1000)));
    }

    private RawChainEvent v2(BigInteger streamId, String action, List<SCVal> args) {
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
                .setTopics(List.of(xdr(u64(streamId)), xdr(Scv.toSymbol(action)))).setData(xdr(Scv.toMap(data)))
                .setRemoved(false)
                .setEventId(String.format("%019d-%010d", toid, 0))
                .setOrigin(TestEventWriter.ORIGIN)
                .setIngestedAt(nowMillis)
                .build();
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

    private static SCVal u64(long value) {
        return Scv.toUint64(BigInteger.valueOf(value));
    }

    private static SCVal u64(BigInteger value) {
        return Scv.toUint64(value);
    }

    private static String xdr(SCVal value) {
        try {
            return value.toXdrBase64();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
