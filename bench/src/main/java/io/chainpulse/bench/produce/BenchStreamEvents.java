package io.chainpulse.bench.produce;

import io.chainpulse.schemas.stream.StreamEvent;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The new-stream events of the Socket.IO fan-out, alike for ChainPulse and a baseline: the stream id is the produce
 * time in epoch microseconds (decimal digits, as stream ids are), which the load generators subtract from their clock.
 */
public final class BenchStreamEvents {
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String CONTRACT = "CDLZFC3SYJYDZT7K67VZ75HPJVIEUVNIXF47ZG2FB2RMQQVU2HHGCYSC";
    private static final String SENDER = "GBRPYHIL2CI3FNQ4BXLFMNDLFJUNPU2HY3ZMFSHONUCEOASW7QC7OX2H";

    private BenchStreamEvents() {}

    /** Random Stellar-looking account addresses (G and 55 base32 characters), one per room. */
    public static List<String> addresses(int count) {
        SecureRandom random = new SecureRandom();
        List<String> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder address = new StringBuilder("G");
            for (int c = 0; c < 55; c++) {
                address.append(BASE32.charAt(random.nextInt(BASE32.length())));
            }
            addresses.add(address.toString());
        }
        return addresses;
    }

    /** Event number {@code sequence} of a stream paid to {@code address}, produced now. */
    public static StreamEvent newStream(String address, long sequence) {
        String hex = Long.toHexString(sequence);
        String digits = Long.toString(sequence);
        return StreamEvent.newBuilder()
                .setEvent("new-stream")
                .setAddress(address)
                .setStreamId(Long.toString(ProduceClock.microsNow()))
                .setContractId(CONTRACT)
                .setSender(SENDER)
                .setReceiver(address)
                .setAmount("1000000000")
                .setStatus("ACTIVE")
                .setTimestamp(System.currentTimeMillis())
                .setEventId("0".repeat(19 - digits.length()) + digits + "-0000000000")
                .setTxHash("0".repeat(64 - hex.length()) + hex)
                .setOrigin("CHAIN")
                .build();
    }
}
