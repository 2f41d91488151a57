package io.chainpulse.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/**
 * Random and mutated Engine.IO payloads and Socket.IO packets thrown at the parsers: each input is either parsed or
 * refused with {@link IllegalArgumentException} (which closes the session); no other exception escapes.
 */
class ParserFuzzTest {
    private static final List<String> VALID = List.of("0", "0{\"token\":\"123\"}", "0/custom,", "1", "1/custom,",
            "2[\"message\",1,\"2\",{\"3\":[true]}]", "2456[\"message-with-ack\",1]", "3456[1,\"2\"]",
            "52-[\"message\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]",
            "62-789[{\"_placeholder\":true,\"num\":0}]", "2/custom,12[\"a\"]");

    @Property(tries = 3000)
    void shouldParseOrRefuseAnySocketIoPacket(@ForAll @StringLength(max = 200) String text) {
        assertParsedOrRefused(text);
    }

    @Property(tries = 3000)
    void shouldParseOrRefuseAMutatedSocketIoPacket(@ForAll("mutatedPackets") String text) {
        assertParsedOrRefused(text);
    }

    @Property(tries = 2000)
    void shouldSplitAnyPollingPayloadOrRefuseItsBase64(@ForAll("mutatedPayloads") String payload) {
        try {
            List<EnginePackets.Inbound> packets = EnginePackets.split(payload);
            assertThat(packets).isNotEmpty();
            long bytes = packets.stream().mapToLong(packet -> packet.isBinary() ? packet.binary().length
                    : packet.text().getBytes(StandardCharsets.UTF_8).length).sum();
            assertThat(bytes).isLessThanOrEqualTo(payload.getBytes(StandardCharsets.UTF_8).length);
        } catch (IllegalArgumentException refused) {
            assertThat(refused).isNotNull();
        }
    }

    private static void assertParsedOrRefused(String text) {
        try {
            SocketIoPacket packet = SocketIoPacket.parse(text);
            assertThat(packet.type()).isBetween(0, 6).isNotEqualTo(SocketIoPacket.CONNECT_ERROR);
            assertThat(packet.attachments()).isBetween(0, SocketIoSettings.MAX_ATTACHMENTS);
            assertThat(packet.namespace()).startsWith("/");
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> mutatedPackets() {
        return mutations(Arbitraries.of(VALID));
    }

    @Provide
    Arbitrary<String> mutatedPayloads() {
        Arbitrary<String> packets = Arbitraries.of("2", "3", "6", "1", "40", "42[\"message\",1]", "bAQID", "b", "b!!",
                "4" + VALID.get(8));
        return mutations(packets.list().ofMinSize(1).ofMaxSize(5).map(list -> String.join("\u001e", list)));
    }

    /** Each base value with a few characters replaced, inserted or removed, or cut short. */
    private static Arbitrary<String> mutations(Arbitrary<String> base) {
        Arbitrary<Character> noise = Arbitraries.oneOf(Arbitraries.of('-', ',', '/', '[', ']', '{', '}', '"', '\u001e',
                'b', '0', '5', '9', '\\', '\u0000', '\uffff'), Arbitraries.chars());
        return Combinators.combine(base, noise.list().ofMaxSize(4), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 1000)).as((value, chars, operation, at) -> {
                    StringBuilder mutated = new StringBuilder(value);
                    for (char c : chars) {
                        int position = mutated.isEmpty() ? 0 : at % (mutated.length() + 1);
                        switch (operation) {
                            case 0 -> mutated.insert(position, c);
                            case 1 -> {
                                if (position < mutated.length()) {
                                    mutated.setCharAt(position, c);
                                }
                            }
                            case 2 -> {
                                if (position < mutated.length()) {
                                    mutated.deleteCharAt(position);
                                }
                            }
                            default -> mutated.setLength(Math.min(mutated.length(), position));
                        }
                    }
                    return mutated.toString();
                });
    }
}
