package io.chainpulse.processor.stellar;

import io.chainpulse.schemas.ChainKinds;
import io.chainpulse.schemas.raw.RawChainEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.stellar.sdk.KeyPair;
import org.stellar.sdk.StrKey;
import org.stellar.sdk.scval.Scv;
import org.stellar.sdk.xdr.SCVal;

/** StellarStream V1 and V2 events as ingest publishes them, with real XDR built by the Stellar SDK. */
final class TestStreamEvents {
    static final String CHAIN_ID = "cee0302d59844d32bdca915c8203dd44b33fbb7edc19051ea37abedf28ecd472";
    static final long LEDGER = 51_000_000;
    static final long LEDGER_CLOSE_MS = 1_763_769_600_000L;
    private static final SecureRandom random = new SecureRandom();
    private static final AtomicLong events = new AtomicLong(1);

    private TestStreamEvents() {}

    static String aContractId() {
        byte[] id = new byte[32];
        random.nextBytes(id);
        return StrKey.encodeContract(id);
    }

    static String anAccount() {
        return KeyPair.random().getAccountId();
    }

    static BigInteger stroops(long amount) {
        return BigInteger.valueOf(amount);
    }

    static RawChainEvent v1Create(String contract, long streamId, String sender, String receiver, String token,
            BigInteger total) {
        LinkedHashMap<SCVal, SCVal> data = new LinkedHashMap<>();
        data.put(Scv.toSymbol("end_time"), u64(1_763_869_600L));
        data.put(Scv.toSymbol("receiver"), Scv.toAddress(receiver));
        data.put(Scv.toSymbol("sender"), Scv.toAddress(sender));
        data.put(Scv.toSymbol("start_time"), u64(1_763_769_600L));
        data.put(Scv.toSymbol("stream_id"), u64(streamId));
        data.put(Scv.toSymbol("timestamp"), u64(1_763_769_600L));
        data.put(Scv.toSymbol("token"), Scv.toAddress(token));
        data.put(Scv.toSymbol("total_amount"), Scv.toInt128(total));
        return raw(contract, List.of(Scv.toSymbol("create"), Scv.toAddress(sender)), Scv.toMap(data));
    }

    static RawChainEvent v1Claim(String contract, long streamId, String receiver, BigInteger amount, BigInteger totalClaimed) {
        LinkedHashMap<SCVal, SCVal> data = new LinkedHashMap<>();
        data.put(Scv.toSymbol("amount"), Scv.toInt128(amount));
        data.put(Scv.toSymbol("claimer"), Scv.toAddress(receiver));
        data.put(Scv.toSymbol("stream_id"), u64(streamId));
        data.put(Scv.toSymbol("timestamp"), u64(1_763_769_700L));
        data.put(Scv.toSymbol("total_claimed"), Scv.toInt128(totalClaimed));
        return raw(contract, List.of(Scv.toSymbol("claim"), Scv.toAddress(receiver)), Scv.toMap(data));
    }

    static RawChainEvent v1Cancel(String contract, long streamId, String caller, BigInteger toReceiver, BigInteger toSender) {
        LinkedHashMap<SCVal, SCVal> data = new LinkedHashMap<>();
        data.put(Scv.toSymbol("canceller"), Scv.toAddress(caller));
        data.put(Scv.toSymbol("stream_id"), u64(streamId));
        data.put(Scv.toSymbol("timestamp"), u64(1_763_769_800L));
        data.put(Scv.toSymbol("to_receiver"), Scv.toInt128(toReceiver));
        data.put(Scv.toSymbol("to_sender"), Scv.toInt128(toSender));
        return raw(contract, List.of(Scv.toSymbol("cancel"), Scv.toAddress(caller)), Scv.toMap(data));
    }

    static RawChainEvent v2Create(String contract, long streamId, String sender, String receiver, String token,
            BigInteger amount) {
        return v2(contract, streamId, "create_v2", List.of(u64(streamId), Scv.toAddress(sender), Scv.toAddress(receiver),
                Scv.toAddress(token), Scv.toInt128(amount), u64(1_763_769_600L), u64(1_763_779_600L), u64(1_763_869_600L),
                u64(1_763_769_600L), Scv.toString("rent")));
    }

    static RawChainEvent v2Claim(String contract, long streamId, String beneficiary, BigInteger toWithdraw,
            BigInteger withdrawnTotal) {
        return v2(contract, streamId, "claim", List.of(u64(streamId), Scv.toAddress(beneficiary), Scv.toInt128(toWithdraw),
                Scv.toInt128(withdrawnTotal), u64(1_763_769_700L)));
    }

    static RawChainEvent v2Cancel(String contract, long streamId, String caller, BigInteger toReceiver, BigInteger toSender) {
        return v2(contract, streamId, "cancel", List.of(u64(streamId), Scv.toAddress(caller), Scv.toInt128(toReceiver),
                Scv.toInt128(toSender), u64(1_763_769_800L)));
    }

    static RawChainEvent v2(String contract, long streamId, String action, Collection<SCVal> args) {
        LinkedHashMap<SCVal, SCVal> data = new LinkedHashMap<>();
        data.put(Scv.toSymbol("action"), Scv.toSymbol(action));
        data.put(Scv.toSymbol("data"), Scv.toVec(args));
        data.put(Scv.toSymbol("timestamp"), u64(1_763_769_600L));
        data.put(Scv.toSymbol("version"), Scv.toUint32(2));
        return raw(contract, List.of(u64(streamId), Scv.toSymbol(action)), Scv.toMap(data));
    }

    static RawChainEvent raw(String contract, List<SCVal> topics, SCVal data) {
        long sequence = events.getAndIncrement();
        byte[] tx = new byte[32];
        random.nextBytes(tx);
        return RawChainEvent.newBuilder()
                .setChain(ChainKinds.STELLAR).setChainId(CHAIN_ID).setContractAddress(contract)
                .setBlockNumber(LEDGER).setBlockHash("").setBlockTimestamp(LEDGER_CLOSE_MS)
                .setTxHash(HexFormat.of().formatHex(tx)).setLogIndex(0)
                .setTopics(topics.stream().map(TestStreamEvents::xdr).toList()).setData(xdr(data))
                .setEventId(String.format("%019d-%010d", LEDGER << 32 | sequence << 12, 0))
                .setIngestedAt(System.currentTimeMillis())
                .build();
    }

    static String xdr(SCVal value) {
        try {
            return value.toXdrBase64();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SCVal u64(long value) {
        return Scv.toUint64(BigInteger.valueOf(value));
    }
}
