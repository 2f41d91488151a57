package io.chainpulse.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.chainpulse.gateway.feed.Cursor;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Random and mutated tip socket paths and queries ({@code /ws/overlay/{creatorId}?token=…&since=…&replay=batch&batchMs=…},
 * {@code /ws/streamer/{creatorId}?token=…}, {@code ?access_token=}) thrown at {@link SubscriptionRequest#parse}: every
 * input is a valid request or a 1008 refusal whose reason fits a close frame, no exception escapes, what is accepted
 * stays inside the documented bounds, and valid subscriptions keep being accepted.
 */
class SubscriptionRequestFuzzTest {
    private static final List<String> KEYS = List.of("token", "access_token", "since", "minAmountEth", "tipMode",
            "batchMs", "replay");
    private static final BigInteger MAX_WEI = BigInteger.TEN.pow(40 + 18);
    private static final int MAX_CLOSE_REASON_BYTES = 123;

    @Property(tries = 3000)
    void shouldAnswerAnyPathAndQueryWithARequestOrAPolicyRefusal(@ForAll("creatorIds") String creatorId,
            @ForAll("queries") Map<String, String> query, @ForAll("kinds") ChannelKind kind) {
        assertAnswered(kind, creatorId, query);
    }

    @Property(tries = 3000)
    void shouldAnswerAValidQueryWithOneValueMutated(@ForAll("validQueries") Map<String, String> query,
            @ForAll("keys") String key, @ForAll("mutations") String value, @ForAll("kinds") ChannelKind kind) {
        Map<String, String> mutated = new HashMap<>(query);
        mutated.put(key, value);

        assertAnswered(kind, UUID.randomUUID().toString(), mutated);
    }

    @Property(tries = 1000)
    void shouldKeepAcceptingValidSubscriptions(@ForAll("kinds") ChannelKind kind,
            @ForAll("tokens") String token, @ForAll("presence") boolean accessToken,
            @ForAll @IntRange(min = 0, max = 999_999) int partition, @ForAll @LongRange(min = 0) long offset,
            @ForAll @IntRange(min = 10, max = 60_000) int batchMs, @ForAll("replays") String replay,
            @ForAll("tipModes") String tipMode) {
        UUID creatorId = UUID.randomUUID();
        Map<String, String> query = Map.of(accessToken ? "access_token" : "token", token, "since", partition + "-" + offset,
                "batchMs", Integer.toString(batchMs), "replay", replay, "tipMode", tipMode, "minAmountEth", "0.015");

        var parsed = SubscriptionRequest.parse(kind, creatorId.toString().toUpperCase(), query);

        assertThat(parsed).isInstanceOf(SubscriptionRequest.Valid.class);
        SubscriptionRequest request = ((SubscriptionRequest.Valid) parsed).request();
        assertThat(request.creatorId()).isEqualTo(creatorId);
        assertThat(request.credential()).isEqualTo(token);
        assertThat(request.since()).contains(new Cursor(partition, offset));
        assertThat(request.subscription()).isEqualTo(new Subscription(creatorId.toString(), kind,
                Optional.of(BigInteger.valueOf(15_000_000_000_000_000L)), Optional.of(tipMode),
                Optional.of(Duration.ofMillis(batchMs)), replay.equals("batch")));
    }

    @Property(tries = 50)
    void shouldRefuseAnEthAmountWhoseExponentOverflowsWithoutComputingIt(
            @ForAll @IntRange(min = 1, max = 40) int digits) {
        String amount = "9".repeat(digits) + "E" + (Integer.MAX_VALUE - digits + 1);

        var parsed = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> SubscriptionRequest.parse(
                ChannelKind.OVERLAY, UUID.randomUUID().toString(), Map.of("token", "t", "minAmountEth", amount)));

        assertThat(parsed).isEqualTo(new SubscriptionRequest.Invalid(Refusal.policy(
                "minAmountEth must be a non-negative decimal with at most 18 decimals")));
    }

    private static void assertAnswered(ChannelKind kind, String creatorId, Map<String, String> query) {
        var parsed = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> SubscriptionRequest.parse(kind, creatorId, query));

        if (parsed instanceof SubscriptionRequest.Invalid invalid) {
            assertThat(invalid.refusal().code()).isEqualTo(Refusal.POLICY_VIOLATION);
            assertThat(invalid.refusal().reason()).isNotBlank();
            assertThat(invalid.refusal().reason().getBytes(StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(MAX_CLOSE_REASON_BYTES);
            return;
        }
        SubscriptionRequest request = ((SubscriptionRequest.Valid) parsed).request();
        assertThat(request.creatorId().toString()).isEqualToIgnoringCase(creatorId);
        assertThat(request.credential()).isNotBlank();
        Subscription subscription = request.subscription();
        assertThat(subscription.kind()).isEqualTo(kind);
        subscription.minAmountWei().ifPresent(wei -> assertThat(wei).isNotNegative().isLessThan(MAX_WEI));
        subscription.batchWindow().ifPresent(window -> assertThat(window.toMillis()).isBetween(10L, 60_000L));
        subscription.tipMode().ifPresent(mode -> assertThat(mode).isIn("live", "offline"));
        request.since().ifPresent(cursor -> assertThat(Cursor.parse(query.get("since"))).contains(cursor));
    }

    @Provide
    Arbitrary<ChannelKind> kinds() {
        return Arbitraries.of(ChannelKind.OVERLAY, ChannelKind.STREAMER);
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.of(KEYS);
    }

    @Provide
    Arbitrary<Boolean> presence() {
        return Arbitraries.of(true, false);
    }

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(200).filter(token -> !token.isBlank());
    }

    @Provide
    Arbitrary<String> replays() {
        return Arbitraries.of("batch", "frames");
    }

    @Provide
    Arbitrary<String> tipModes() {
        return Arbitraries.of("live", "offline");
    }

    @Provide
    Arbitrary<String> creatorIds() {
        Arbitrary<String> uuid = Arbitraries.create(UUID::randomUUID).map(UUID::toString);
        return Arbitraries.oneOf(uuid, uuid.map(String::toUpperCase), Arbitraries.strings().ofMaxLength(60),
                Combinators.combine(uuid, Arbitraries.integers().between(0, 35), Arbitraries.chars())
                        .as((id, position, replacement) -> id.substring(0, position) + replacement
                                + id.substring(position + 1)),
                Arbitraries.of("", "1-1-1-1-1", "00000000-0000-0000-0000-000000000000/extra", "..%2F..",
                        "0-0-0-0-0", "ffffffff-ffff-ffff-ffff-ffffffffffff0", " 6f1c0e52-3c1d-4b8e-9c7a-0c4b5b7b2a11"));
    }

    @Provide
    Arbitrary<Map<String, String>> queries() {
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of(KEYS), Arbitraries.strings().ofMaxLength(10));
        return Arbitraries.maps(key, mutations()).ofMaxSize(8);
    }

    @Provide
    Arbitrary<Map<String, String>> validQueries() {
        return Arbitraries.of(Map.of("token", "abc"), Map.of("access_token", "abc"),
                Map.of("token", "abc", "since", "0-42", "replay", "batch", "batchMs", "250"),
                Map.of("token", "abc", "minAmountEth", "0.01", "tipMode", "live"));
    }

    @Provide
    Arbitrary<String> mutations() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40), Arbitraries.strings().numeric().ofMaxLength(25),
                Arbitraries.of("", " ", "\t", "0-42", "-1-42", "0--1", "1000000-0", "999999-9223372036854775807",
                        "0-9223372036854775808", "0-42 ", "٣-٤", "0x1-0", "batch", "frames", "BATCH", "live", "offline",
                        "LIVE", "10", "9", "60000", "60001", "-10", "1e3", "9223372036854775808", "0.000000000000000001",
                        "0.0000000000000000001", "-0", "-0.0", "1E+40", "1E+39", "1E-19", "NaN", "Infinity", "1E2147483647",
                        "9E-2147483648", "0E-2147483647", "1E+2147483648", "99999999999999999999999999999999999999999"),
                Arbitraries.integers().between(0, 100_000).map(length -> "9".repeat(length)));
    }
}
