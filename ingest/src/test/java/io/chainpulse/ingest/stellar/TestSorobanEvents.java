package io.chainpulse.ingest.stellar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import org.stellar.sdk.KeyPair;
import org.stellar.sdk.StrKey;
import org.stellar.sdk.scval.Scv;
import org.stellar.sdk.xdr.SCVal;

/** StellarStream V1 claim events as real XDR built by the Stellar SDK, for the fake RPC to serve. */
final class TestSorobanEvents {
    private static final SecureRandom random = new SecureRandom();

    private TestSorobanEvents() {}

    static String aContractId() {
        byte[] id = new byte[32];
        random.nextBytes(id);
        return StrKey.encodeContract(id);
    }

    static String aTxHash() {
        byte[] hash = new byte[32];
        random.nextBytes(hash);
        return HexFormat.of().formatHex(hash);
    }

    /** {@code transactions} transactions of {@code perTransaction} claim events each, all in one ledger. */
    static List<FakeSorobanRpc.Event> aLedger(long ledger, String contractId, int transactions, int perTransaction) {
        List<FakeSorobanRpc.Event> events = new ArrayList<>();
        for (int tx = 1; tx <= transactions; tx++) {
            String txHash = aTxHash();
            for (int index = 0; index < perTransaction; index++) {
                events.add(aClaim(ledger, tx, index, contractId, txHash, BigInteger.valueOf(ledger * 100 + tx * 10 + index)));
            }
        }
        return events;
    }

    /** V1 {@code ("claim", receiver)} with {@code {stream_id, claimer, amount, total_claimed, timestamp}}. */
    static FakeSorobanRpc.Event aClaim(long ledger, int tx, int index, String contractId, String txHash, BigInteger amount) {
        String receiver = KeyPair.random().getAccountId();
        LinkedHashMap<SCVal, SCVal> data = new LinkedHashMap<>();
        data.put(Scv.toSymbol("amount"), Scv.toInt128(amount));
        data.put(Scv.toSymbol("claimer"), Scv.toAddress(receiver));
        data.put(Scv.toSymbol("stream_id"), Scv.toUint64(BigInteger.valueOf(ledger)));
        data.put(Scv.toSymbol("timestamp"), Scv.toUint64(BigInteger.valueOf(FakeSorobanRpc.closeTime(ledger).getEpochSecond())));
        data.put(Scv.toSymbol("total_claimed"), Scv.toInt128(amount));
        return new FakeSorobanRpc.Event(ledger, tx, 0, index, contractId, txHash,
                List.of(xdr(Scv.toSymbol("claim")), xdr(Scv.toAddress(receiver))), xdr(Scv.toMap(data)));
    }

    static String xdr(SCVal value) {
        try {
            return value.toXdrBase64();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
