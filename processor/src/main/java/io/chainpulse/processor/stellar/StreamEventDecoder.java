package io.chainpulse.processor.stellar;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stellar.sdk.Address;
import org.stellar.sdk.scval.Scv;
import org.stellar.sdk.xdr.SCVal;
import org.stellar.sdk.xdr.SCValType;

/**
 * Decodes StellarStream events from their base64 XDR topics and value. V1 topics are {@code (action, address)}
 * with a map of named fields; V2 topics are {@code (stream_id, action)} with {@code {version, timestamp, action,
 * data: [...]}}. Pure and thread-safe.
 */
public final class StreamEventDecoder {
    private static final Set<String> V1_ACTIONS = Set.of("create", "claim", "cancel");

    /** What decoding gave: an action, or the reason the event is not a readable StellarStream event. */
    public sealed interface Decoding {
        record Decoded(StreamAction action) implements Decoding {}

        record Undecodable(String reason) implements Decoding {}
    }

    public Decoding decode(List<String> topicsXdr, String dataXdr) {
        try {
            List<SCVal> topics = new ArrayList<>(topicsXdr.size());
            for (String topic : topicsXdr) {
                topics.add(SCVal.fromXdrBase64(topic));
            }
            SCVal data = SCVal.fromXdrBase64(dataXdr);
            return new Decoding.Decoded(decode(topics, data));
        } catch (IOException | RuntimeException e) {
            return new Decoding.Undecodable(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private static StreamAction decode(List<SCVal> topics, SCVal data) {
        if (topics.size() >= 2 && isSymbol(topics.get(1)) && isMap(data) && fields(data).containsKey("version")) {
            return version2(symbol(topics.get(1)), fields(data));
        }
        if (!topics.isEmpty() && isSymbol(topics.get(0))) {
            String action = symbol(topics.get(0));
            if (!V1_ACTIONS.contains(action)) {
                return new StreamAction.Other(action);
            }
            if (!isMap(data)) {
                throw new IllegalArgumentException("V1 " + action + " value is " + data.getDiscriminant() + ", not a map");
            }
            return version1(action, fields(data));
        }
        throw new IllegalArgumentException("topics are neither (action, address) nor (stream_id, action)");
    }

    private static StreamAction version1(String action, Map<String, SCVal> fields) {
        String streamId = id(field(fields, "stream_id"));
        return switch (action) {
            case "create" -> new StreamAction.Created(1, streamId, address(field(fields, "sender")),
                    address(field(fields, "receiver")), address(field(fields, "token")),
                    amount(field(fields, "total_amount")), seconds(field(fields, "start_time")), null,
                    seconds(field(fields, "end_time")));
            case "claim" -> new StreamAction.Claimed(1, streamId, address(field(fields, "claimer")),
                    amount(field(fields, "amount")), amount(field(fields, "total_claimed")));
            case "cancel" -> new StreamAction.Canceled(1, streamId, address(field(fields, "canceller")),
                    amount(field(fields, "to_receiver")), amount(field(fields, "to_sender")));
            default -> new StreamAction.Other(action);
        };
    }

    private static StreamAction version2(String action, Map<String, SCVal> fields) {
        long version = integer(field(fields, "version")).longValueExact();
        if (version != 2) {
            throw new IllegalArgumentException("unknown StellarStream event version " + version);
        }
        return switch (action) {
            case "create_v2" -> {
                List<SCVal> args = args(fields, 10);
                yield new StreamAction.Created(2, id(args.get(0)), address(args.get(1)), address(args.get(2)),
                        address(args.get(3)), amount(args.get(4)), seconds(args.get(5)), seconds(args.get(6)),
                        seconds(args.get(7)));
            }
            case "claim" -> {
                List<SCVal> args = args(fields, 5);
                yield new StreamAction.Claimed(2, id(args.get(0)), address(args.get(1)), amount(args.get(2)),
                        amount(args.get(3)));
            }
            case "cancel" -> {
                List<SCVal> args = args(fields, 5);
                yield new StreamAction.Canceled(2, id(args.get(0)), address(args.get(1)), amount(args.get(2)),
                        amount(args.get(3)));
            }
            default -> new StreamAction.Other(action);
        };
    }

    private static List<SCVal> args(Map<String, SCVal> fields, int expected) {
        SCVal data = field(fields, "data");
        if (data.getDiscriminant() != SCValType.SCV_VEC) {
            throw new IllegalArgumentException("V2 data is " + data.getDiscriminant() + ", not a vector");
        }
        List<SCVal> args = List.copyOf(Scv.fromVec(data));
        if (args.size() < expected) {
            throw new IllegalArgumentException("V2 data has " + args.size() + " entries, expected " + expected);
        }
        return args;
    }

    private static Map<String, SCVal> fields(SCVal map) {
        Map<String, SCVal> fields = new LinkedHashMap<>();
        for (var entry : Scv.fromMap(map).entrySet()) {
            if (isSymbol(entry.getKey())) {
                fields.put(symbol(entry.getKey()), entry.getValue());
            }
        }
        return fields;
    }

    private static SCVal field(Map<String, SCVal> fields, String name) {
        SCVal value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("field " + name + " is missing");
        }
        return value;
    }

    private static boolean isSymbol(SCVal value) {
        return value.getDiscriminant() == SCValType.SCV_SYMBOL;
    }

    private static boolean isMap(SCVal value) {
        return value.getDiscriminant() == SCValType.SCV_MAP && value.getMap() != null;
    }

    private static String symbol(SCVal value) {
        return Scv.fromSymbol(value);
    }

    private static String address(SCVal value) {
        if (value.getDiscriminant() != SCValType.SCV_ADDRESS) {
            throw new IllegalArgumentException("expected an address, was " + value.getDiscriminant());
        }
        return Address.fromSCVal(value).toString();
    }

    /** Stream ids are integers in both versions; a symbol, string or bytes id is kept as text or hex. */
    private static String id(SCVal value) {
        return switch (value.getDiscriminant()) {
            case SCV_SYMBOL -> Scv.fromSymbol(value);
            case SCV_STRING -> new String(Scv.fromString(value), StandardCharsets.UTF_8);
            case SCV_BYTES -> HexFormat.of().formatHex(Scv.fromBytes(value));
            default -> integer(value).toString();
        };
    }

    private static BigInteger amount(SCVal value) {
        BigInteger amount = integer(value);
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount is negative: " + amount);
        }
        return amount;
    }

    private static long seconds(SCVal value) {
        return integer(value).longValueExact();
    }

    private static BigInteger integer(SCVal value) {
        return switch (value.getDiscriminant()) {
            case SCV_U32 -> BigInteger.valueOf(Scv.fromUint32(value));
            case SCV_I32 -> BigInteger.valueOf(Scv.fromInt32(value));
            case SCV_U64 -> Scv.fromUint64(value);
            case SCV_I64 -> BigInteger.valueOf(Scv.fromInt64(value));
            case SCV_TIMEPOINT -> Scv.fromTimePoint(value);
            case SCV_DURATION -> Scv.fromDuration(value);
            case SCV_U128 -> Scv.fromUint128(value);
            case SCV_I128 -> Scv.fromInt128(value);
            case SCV_U256 -> Scv.fromUint256(value);
            case SCV_I256 -> Scv.fromInt256(value);
            default -> throw new IllegalArgumentException("expected an integer, was " + value.getDiscriminant());
        };
    }
}
