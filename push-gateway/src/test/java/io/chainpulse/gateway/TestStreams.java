package io.chainpulse.gateway;

import io.chainpulse.schemas.stream.StreamEvent;
import java.security.SecureRandom;
import java.util.UUID;

/** Stream events as the processor writes them to the stream-events topic. */
final class TestStreams {
    static final String CONTRACT = "CDLZFC3SYJYDZT7K67VZ75HPJVIEUVNIXF47ZG2FB2RMQQVU2HHGCYSC";

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestStreams() {}

    /** A fresh G… account id in shape; rooms take any address, so no checksum is needed here. */
    static String anAccount() {
        StringBuilder account = new StringBuilder("G");
        for (int i = 0; i < 55; i++) {
            account.append(BASE32.charAt(RANDOM.nextInt(BASE32.length())));
        }
        return account.toString();
    }

    static StreamEvent aNewStream(String address, String streamId, String sender, String receiver) {
        return base("new-stream", address, streamId).setSender(sender).setReceiver(receiver).setAmount("1000")
                .setStatus("ACTIVE").build();
    }

    static StreamEvent aBalanceUpdate(String address, String streamId, String newBalance) {
        return base("balance-update", address, streamId).setNewBalance(newBalance).build();
    }

    private static StreamEvent.Builder base(String event, String address, String streamId) {
        return StreamEvent.newBuilder().setEvent(event).setAddress(address).setStreamId(streamId)
                .setContractId(CONTRACT).setTimestamp(1_763_769_600_000L)
                .setEventId(UUID.randomUUID().toString()).setTxHash(UUID.randomUUID().toString().replace("-", ""));
    }
}
