package io.chainpulse.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random sequences of Engine.IO packets (text and binary) fed to one polling session: nothing escapes, the session
 * either lives on or is closed, and what waits for the client never passes the configured queue limit.
 */
class SessionFuzzTest {
    private static final SocketIoSettings SETTINGS = new SocketIoSettings(Duration.ofMinutes(1), Duration.ofMinutes(1),
            1000, 4096, 5, Duration.ofMinutes(1));
    private static final SocketIoServer SERVER = new SocketIoServer(SETTINGS, Admission.OPEN)
            .namespace("/", new Echo()).namespace("/custom", new Echo());

    @AfterContainer
    static void close() {
        SERVER.close();
    }

    @Property(tries = 1000)
    void shouldNeverThrowNorQueueMoreThanTheLimit(@ForAll("sessions") List<EnginePackets.Inbound> packets) {
        EngineSocket socket = SERVER.open(EngineSocket.Transport.POLLING, "192.0.2.1");

        for (EnginePackets.Inbound packet : packets) {
            InboundPackets.receive(socket, packet, false);
            assertThat(socket.queuedBytes()).isLessThanOrEqualTo(SETTINGS.maxQueuedBytes());
        }

        socket.close(1000, "done", false);
        assertThat(socket.isOpen()).isFalse();
    }

    @Provide
    Arbitrary<List<EnginePackets.Inbound>> sessions() {
        Arbitrary<String> socketIo = Arbitraries.of("40", "40/custom,", "40/nope", "41", "42[\"message\",1,\"2\"]",
                "421[\"message-with-ack\",{\"a\":[1]}]", "452-[\"message\",{\"_placeholder\":true,\"num\":0}]",
                "462-5[{}]", "43[1]", "42[\"message\",\"" + "x".repeat(900) + "\"]", "4abc", "42{}");
        Arbitrary<String> engine = Arbitraries.of("2", "3", "5", "6", "", "9", "2probe");
        Arbitrary<EnginePackets.Inbound> text = Arbitraries.oneOf(socketIo, engine, Arbitraries.strings().ofMaxLength(50))
                .map(EnginePackets.Inbound::text);
        Arbitrary<EnginePackets.Inbound> binary = Arbitraries.bytes().array(byte[].class).ofMaxSize(600)
                .map(EnginePackets.Inbound::binary);
        return Arbitraries.frequencyOf(Tuple.of(5, text), Tuple.of(1, binary))
                .list().ofMaxSize(40);
    }

    /** Echoes every event back, with its attachments, so the outbound queue fills. */
    private static final class Echo implements Namespace {
        @Override
        public void connected(SocketIoSocket socket, JsonNode auth) {
            socket.emit("auth", auth);
        }

        @Override
        public void event(SocketIoSocket socket, SocketIoEvent event) {
            socket.emitBinary("message-back", event.args(), event.attachments());
            event.ack().ifPresent(ack -> ack.sendBinary(event.args(), event.attachments()));
        }
    }
}
