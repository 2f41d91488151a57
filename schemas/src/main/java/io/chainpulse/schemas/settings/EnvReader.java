package io.chainpulse.schemas.settings;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads typed settings from an environment map; every value is range-checked and every error names its variable
 * ({@code WS_MAX_INBOUND_BYTES must be between 4096 and 16777216, was 4294971392}). Blank values count as unset.
 * Immutable and thread-safe.
 */
public final class EnvReader {
    private final Map<String, String> env;

    public EnvReader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The value of {@code name}, trimmed, if set and not blank. */
    public Optional<String> optional(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** The value of {@code name}, or {@code fallback} when unset. */
    public String text(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    /** The value of {@code name}; unset is an error that names it and says what it is for. */
    public String required(String name, String meaning) {
        return optional(name).orElseThrow(() -> new IllegalArgumentException(name + " must be set (" + meaning + ")"));
    }

    /** A whole number in [{@code min}, {@code max}]; {@code fallback} when unset. */
    public long longValue(String name, long fallback, long min, long max) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        long number;
        try {
            number = Long.parseLong(value.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was " + value.get(), e);
        }
        return inRange(name, number, min, max);
    }

    /** A whole number in [{@code min}, {@code max}] that fits an int; {@code fallback} when unset. */
    public int intValue(String name, int fallback, int min, int max) {
        return (int) longValue(name, fallback, min, max);
    }

    /** A duration given in milliseconds, in [{@code min}, {@code max}]; {@code fallback} when unset. */
    public Duration millis(String name, Duration fallback, Duration min, Duration max) {
        return Duration.ofMillis(longValue(name, fallback.toMillis(), min.toMillis(), max.toMillis()));
    }

    /** {@code true} or {@code false} (any case); {@code fallback} when unset. */
    public boolean flag(String name, boolean fallback) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, was " + value.get());
        };
    }

    /** A comma-separated list with blanks dropped; empty when unset. */
    public List<String> list(String name) {
        return optional(name)
                .map(value -> Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList())
                .orElse(List.of());
    }

    /** Checks that {@code number} lies in [{@code min}, {@code max}], naming {@code name} when it does not. */
    public static long inRange(String name, long number, long min, long max) {
        if (number < min || number > max) {
            throw new IllegalArgumentException(max == Long.MAX_VALUE
                    ? name + " must be >= " + min + ", was " + number
                    : name + " must be between " + min + " and " + max + ", was " + number);
        }
        return number;
    }
}
