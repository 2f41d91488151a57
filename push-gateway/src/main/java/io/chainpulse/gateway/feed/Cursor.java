package io.chainpulse.gateway.feed;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A position in the tips topic, {@code <partition>-<offset>}: the {@code id} of every pushed event. Kafka offsets
 * never change, so a cursor stays valid across gateway restarts and on every gateway instance.
 */
public record Cursor(int partition, long offset) {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,6})-(\\d{1,19})");

    public Cursor {
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("cursor partition and offset must be >= 0, was " + partition + "-" + offset);
        }
    }

    /** The cursor written as {@code text}, or empty when it is not one. */
    public static Optional<Cursor> parse(String text) {
        if (text == null || !FORMAT.matcher(text).matches()) {
            return Optional.empty();
        }
        int dash = text.indexOf('-');
        try {
            return Optional.of(new Cursor(Integer.parseInt(text.substring(0, dash)), Long.parseLong(text.substring(dash + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return partition + "-" + offset;
    }
}
