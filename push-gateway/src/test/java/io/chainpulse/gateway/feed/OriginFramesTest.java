package io.chainpulse.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainpulse.schemas.stream.StreamEvent;
import io.chainpulse.schemas.tip.TipEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Frames of test events say {@code "test": true}; frames of real events carry no such field. */
class OriginFramesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Cursor CURSOR = new Cursor(0, 7);
    private static final Instant NOW = Instant.parse("2026-12-06T20:00:00Z");

    private static TipEvent aTip(String origin) {
        return TipEvent.newBuilder().setType("TIP_SENT").setCreatorId("c").setCreatorWallet("0x" + "b".repeat(40))
                .setTipperAddress("0x" + "a".repeat(40)).setAmountWei("1").setAmountEth("0.000000000000000001")
                .setChainId("31337").setTxHash("0x" + "f".repeat(64)).setLogIndex(0).setBlockNumber(1)
                .setBlockTimestamp(0).setSessionId("0x00").setTipMode("offline").setProcessedAt(0)
                .setOrigin(origin).build();
    }

    private static StreamEvent aStreamEvent(String origin) {
        return StreamEvent.newBuilder().setEvent("balance-update").setAddress("G").setStreamId("1").setContractId("C")
                .setNewBalance("5").setTimestamp(0).setEventId("1-1").setTxHash("t").setOrigin(origin).build();
    }

    @Test
    void shouldMarkATestTipFrameAndLeaveARealOneAsItWas() throws IOException {
        JsonNode test = JSON.readTree(TipFrameEncoder.encode(aTip("TEST"), CURSOR, NOW).json());
        JsonNode real = JSON.readTree(TipFrameEncoder.encode(aTip("CHAIN"), CURSOR, NOW).json());

        assertThat(test.get("test").asBoolean()).isTrue();
        assertThat(real.has("test")).isFalse();
    }

    @Test
    void shouldMarkATestStreamFrameAndLeaveARealOneAsItWas() throws IOException {
        JsonNode test = body(StreamFrameEncoder.encode(aStreamEvent("TEST"), CURSOR, NOW).packet());
        JsonNode real = body(StreamFrameEncoder.encode(aStreamEvent("CHAIN"), CURSOR, NOW).packet());

        assertThat(test.get("test").asBoolean()).isTrue();
        assertThat(real.has("test")).isFalse();
    }

    /** The event body of a Socket.IO {@code 42[name, body]} packet. */
    private static JsonNode body(byte[] packet) throws IOException {
        String text = new String(Arrays.copyOfRange(packet, 2, packet.length), StandardCharsets.UTF_8);
        return JSON.readTree(text).get(1);
    }
}
