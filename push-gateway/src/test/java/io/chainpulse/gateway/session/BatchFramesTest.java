package io.chainpulse.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainpulse.gateway.feed.Cursor;
import io.chainpulse.gateway.feed.TipFrame;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchFramesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ByteBuffer> sent = new ArrayList<>();

    private static TipFrame tip(int offset, int padding) {
        String json = "{\"type\":\"TIP_SENT\",\"id\":\"0-" + offset + "\",\"pad\":\"" + "x".repeat(padding) + "\"}";
        return new TipFrame("creator", new Cursor(0, offset), json.getBytes(StandardCharsets.UTF_8), BigInteger.ONE,
                "live");
    }

    private List<JsonNode> frames() throws IOException {
        List<JsonNode> frames = new ArrayList<>();
        for (ByteBuffer frame : sent) {
            frames.add(JSON.readTree(StandardCharsets.UTF_8.decode(frame.duplicate()).toString()));
        }
        return frames;
    }

    private List<String> ids() throws IOException {
        List<String> ids = new ArrayList<>();
        frames().forEach(frame -> frame.get("events").forEach(event -> ids.add(event.get("id").asText())));
        return ids;
    }

    @Test
    void shouldSendEverythingGatheredAsOneBatchFrameWhenItFits() throws IOException {
        BatchFrames batch = new BatchFrames(65_536, sent::add);
        IntStream.range(0, 10).forEach(i -> batch.add(tip(i, 100)));

        assertThat(sent).isEmpty();
        batch.flush();

        assertThat(frames()).hasSize(1);
        assertThat(frames().get(0).get("type").asText()).isEqualTo("BATCH");
        assertThat(ids()).containsExactly("0-0", "0-1", "0-2", "0-3", "0-4", "0-5", "0-6", "0-7", "0-8", "0-9");
    }

    @Test
    void shouldKeepEveryFrameWithinTheLimitAndTheEventsInOrder() throws IOException {
        int limit = 1_000;
        BatchFrames batch = new BatchFrames(limit, sent::add);
        IntStream.range(0, 50).forEach(i -> batch.add(tip(i, 100 + i % 7)));
        batch.flush();

        assertThat(sent).hasSizeGreaterThan(1).allSatisfy(frame -> assertThat(frame.remaining()).isLessThanOrEqualTo(limit));
        assertThat(ids()).containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(i -> "0-" + i).toList());
        // a frame is only closed when the next event would not fit
        for (int i = 0; i < sent.size() - 1; i++) {
            int nextEvent = frames().get(i + 1).get("events").get(0).toString().length();
            assertThat(sent.get(i).remaining() + 1 + nextEvent).isGreaterThan(limit);
        }
    }

    @Test
    void shouldGiveAnEventLargerThanTheLimitAFrameOfItsOwn() throws IOException {
        BatchFrames batch = new BatchFrames(200, sent::add);
        batch.add(tip(1, 10));
        batch.add(tip(2, 500));
        batch.add(tip(3, 10));
        batch.flush();

        assertThat(frames()).extracting(frame -> frame.get("events").size()).containsExactly(1, 1, 1);
        assertThat(ids()).containsExactly("0-1", "0-2", "0-3");
    }

    @Test
    void shouldSendNothingWhenNothingIsGathered() {
        BatchFrames batch = new BatchFrames(65_536, sent::add);
        batch.flush();
        batch.add(tip(1, 10));
        batch.flush();
        batch.flush();

        assertThat(sent).hasSize(1);
    }
}
