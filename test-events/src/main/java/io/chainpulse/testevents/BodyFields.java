package io.chainpulse.testevents;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Reads the fields of a test request's JSON body; a missing or bad field throws {@link BadField} naming it. Text and
 * numbers are both taken where the original StellarStream backend's clients send either. Pure and thread-safe.
 */
final class BodyFields {
    static final BigInteger I128_MAX = BigInteger.TWO.pow(127).subtract(BigInteger.ONE);
    /** What a Socket.IO room may be named, so that every address written can be joined: 1–128 of these. */
    private static final Pattern ROOM_ADDRESS = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern STREAM_ID = Pattern.compile("[^\\p{Cntrl}]{1,128}");

    private final JsonNode body;

    BodyFields(JsonNode body) {
        this.body = body;
    }

    /** A field that is missing or does not hold what it must; answered 400 with the field's name. */
    static final class BadField extends RuntimeException {
        private final String field;

        BadField(String field, String problem) {
            super(field + " " + problem, null, false, false);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    boolean has(String field) {
        return body.hasNonNull(field);
    }

    /** A string or number, as text; blank counts as missing. */
    String required(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            throw new BadField(field, "is missing");
        }
        if (!value.isTextual() && !value.isNumber()) {
            throw new BadField(field, "must be a string or a number");
        }
        if (value.isNumber() && value.canConvertToExactIntegral()) {
            return value.bigIntegerValue().toString();
        }
        return value.isTextual() ? value.asText().trim() : value.asText();
    }

    /** A whole number in [{@code min}, {@code max}], given as a string or a JSON number. */
    BigInteger whole(String field, BigInteger min, BigInteger max) {
        String text = required(field);
        if (!text.matches("\\d{1,40}")) {
            throw new BadField(field, "must be a whole number, was " + text);
        }
        BigInteger value = new BigInteger(text);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new BadField(field, "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    /** A stream id as the original takes it: any text ({@code test-stream-123}) or number, up to 128 characters. */
    String streamId(String field) {
        String id = required(field);
        if (!STREAM_ID.matcher(id).matches()) {
            throw new BadField(field, "must be 1 to 128 characters without control characters");
        }
        return id;
    }

    /**
     * A StellarStream party: a G… or C… address, or a placeholder such as the original's {@code GDSENDER...}; either
     * way a name a Socket.IO room can have.
     */
    String party(String field) {
        String address = required(field);
        if (!ROOM_ADDRESS.matcher(address).matches()) {
            throw new BadField(field, "must be 1 to 128 letters, digits or ._:- (a room name), was " + address);
        }
        return address;
    }

    String evmAddress(String field) {
        String address = required(field);
        if (!DroppioTestTips.isAddress(address)) {
            throw new BadField(field, "must be 0x + 40 hex digits, was " + address);
        }
        return address;
    }

    /** A decimal amount of ETH, in wei. */
    BigInteger eth(String field) {
        String text = required(field);
        BigDecimal eth;
        try {
            eth = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new BadField(field, "must be a decimal amount of ETH, was " + text);
        }
        if (eth.signum() <= 0 || eth.scale() > 18 || eth.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
            throw new BadField(field, "must be more than 0 and at most 1000000 ETH with at most 18 decimals, was " + text);
        }
        return eth.movePointRight(18).toBigIntegerExact();
    }
}
