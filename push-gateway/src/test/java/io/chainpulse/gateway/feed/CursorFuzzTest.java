package io.chainpulse.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Random and mutated {@code since} values thrown at {@link Cursor#parse} (tip sockets and Socket.IO joins): a cursor
 * or empty, never an exception, and every cursor written by the gateway reads back as itself.
 */
class CursorFuzzTest {

    @Property(tries = 3000)
    void shouldReadAnyTextAsACursorOrNothing(@ForAll("sinceValues") String text) {
        var cursor = Cursor.parse(text);

        cursor.ifPresent(read -> assertThat(read.toString()).isEqualTo(text.replaceFirst("^0+(?=\\d)", "")
                .replaceFirst("-0+(?=\\d)", "-")));
    }

    @Property(tries = 1000)
    void shouldReadBackEveryCursorItWrote(@ForAll @IntRange(min = 0, max = 999_999) int partition,
            @ForAll @LongRange(min = 0) long offset) {
        Cursor cursor = new Cursor(partition, offset);

        assertThat(Cursor.parse(cursor.toString())).contains(cursor);
    }

    @Provide
    Arbitrary<String> sinceValues() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(22);
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("0123456789-+ ").ofMaxLength(30),
                digits.flatMap(partition -> digits.map(offset -> partition + "-" + offset)),
                Arbitraries.of("", "-", "0-", "-0", "0-9223372036854775807", "0-9223372036854775808", "999999-0",
                        "1000000-0", "٣-٤", "0-0\n", "+1-1", "1-+1", "0x1-1"),
                Arbitraries.integers().between(10_000, 100_000).map(length -> "0-" + "9".repeat(length)));
    }
}
