package io.chainpulse.gateway;

import io.chainpulse.schemas.stream.StreamEvent;
import java.util.UUID;
import org.stellar.sdk.KeyPair;

/** Stream events as the processor writes them to the stream-events topic. */
final class TestStreams {
    static final String CONTRACT = "CDLZFC3SYJYDZT7K67VZ75HPJVIEUVNIXF47ZG2FB2RMQQVU2HHGCYSC";

    private TestStreams() {}

    static String anAccount() {
        return KeyPair.random().getAccountId();
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
