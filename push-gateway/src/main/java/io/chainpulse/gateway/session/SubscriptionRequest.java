package io.chainpulse.gateway.session;

import io.chainpulse.gateway.feed.Cursor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The parsed path and query of a socket request: creator, credential, cursor and channel options. Parsing refuses
 * what is malformed; authorization is a later step.
 */
public record SubscriptionRequest(UUID creatorId, String credential, Optional<Cursor> since,
        Subscription subscription) {

    sealed interface Parsed {}

    record Valid(SubscriptionRequest request) implements Parsed {}

    record Invalid(Refusal refusal) implements Parsed {}

    static Parsed parse(ChannelKind kind, String creatorIdText, Map<String, String> query) {
        UUID creatorId;
        try {
            creatorId = UUID.fromString(creatorIdText);
        } catch (IllegalArgumentException | NullPointerException e) {
            return invalid("creatorId must be a UUID");
        }
        if (!creatorId.toString().equalsIgnoreCase(creatorIdText)) {
            return invalid("creatorId must be a UUID");
        }
        // access_token is the original Droppio bridge's name for the same thing
        String token = query.get("token");
        if (token == null || token.isBlank()) {
            token = query.get("access_token");
        }
        if (token == null || token.isBlank()) {
            return invalid("missing token");
        }
        Optional<Cursor> since = Optional.empty();
        String sinceText = query.get("since");
        if (sinceText != null && !sinceText.isEmpty()) {
            since = Cursor.parse(sinceText);
            if (since.isEmpty()) {
                return invalid("since must be an event id like 0-42");
            }
        }
        Optional<BigInteger> minWei = Optional.empty();
        String minAmount = query.get("minAmountEth");
        if (minAmount != null && !minAmount.isEmpty()) {
            try {
                BigDecimal eth = new BigDecimal(minAmount);
                // in long: 1E2147483647 has scale -2147483647, and precision - scale overflows an int
                if (eth.signum() < 0 || eth.scale() > 18 || (long) eth.precision() - eth.scale() > 40) {
                    return invalid("minAmountEth must be a non-negative decimal with at most 18 decimals");
                }
                minWei = Optional.of(Subscription.weiOf(eth));
            } catch (NumberFormatException e) {
                return invalid("minAmountEth must be a decimal number of ETH");
            }
        }
        String mode = query.get("tipMode");
        if (mode != null && !mode.isEmpty() && !mode.equals("live") && !mode.equals("offline")) {
            return invalid("tipMode must be live or offline");
        }
        Optional<Duration> batch = Optional.empty();
        String batchMs = query.get("batchMs");
        if (batchMs != null && !batchMs.isEmpty()) {
            long millis;
            try {
                millis = Long.parseLong(batchMs);
            } catch (NumberFormatException e) {
                return invalid("batchMs must be a whole number of milliseconds");
            }
            if (millis < 10 || millis > 60_000) {
                return invalid("batchMs must be between 10 and 60000");
            }
            batch = Optional.of(Duration.ofMillis(millis));
        }
        String replay = query.get("replay");
        if (replay != null && !replay.isEmpty() && !replay.equals("batch") && !replay.equals("frames")) {
            return invalid("replay must be batch or frames");
        }
        Subscription subscription = new Subscription(creatorId.toString(), kind, minWei,
                Optional.ofNullable(mode).filter(m -> !m.isEmpty()), batch, "batch".equals(replay));
        return new Valid(new SubscriptionRequest(creatorId, token, since, subscription));
    }

    private static Invalid invalid(String reason) {
        return new Invalid(Refusal.policy(reason));
    }
}
