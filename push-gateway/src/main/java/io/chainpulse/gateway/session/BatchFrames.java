package io.chainpulse.gateway.session;

import io.chainpulse.gateway.feed.TipFrame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Tip events gathered into {@code {"type":"BATCH","events":[…]}} frames of at most {@code maxBytes} each (Jetty holds
 * outgoing frames to the socket's frame limit too): an event that would make the frame larger first sends what is
 * gathered. An event larger than the limit on its own still gets a frame of its own. Not thread-safe: its session
 * serializes calls.
 */
final class BatchFrames {
    private static final byte[] START = "{\"type\":\"BATCH\",\"events\":[".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END = "]}".getBytes(StandardCharsets.UTF_8);

    private final int maxBytes;
    private final Consumer<ByteBuffer> send;
    private final List<TipFrame> events = new ArrayList<>();
    private int bytes;

    /** @param send takes each finished frame, a read-only buffer of UTF-8 JSON */
    BatchFrames(int maxBytes, Consumer<ByteBuffer> send) {
        this.maxBytes = maxBytes;
        this.send = send;
    }

    void add(TipFrame event) {
        int separator = events.isEmpty() ? 0 : 1;
        if (!events.isEmpty() && START.length + bytes + separator + event.size() + END.length > maxBytes) {
            flush();
            separator = 0;
        }
        events.add(event);
        bytes += separator + event.size();
    }

    /** Sends what is gathered as one frame; nothing when nothing is. */
    void flush() {
        if (events.isEmpty()) {
            return;
        }
        ByteBuffer frame = ByteBuffer.allocate(START.length + bytes + END.length).put(START);
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                frame.put((byte) ',');
            }
            frame.put(events.get(i).json());
        }
        events.clear();
        bytes = 0;
        send.accept(frame.put(END).flip().asReadOnlyBuffer());
    }
}
