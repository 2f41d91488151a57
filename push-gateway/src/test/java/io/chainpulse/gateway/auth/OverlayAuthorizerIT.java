package io.chainpulse.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainpulse.gateway.session.ChannelKind;
import io.chainpulse.gateway.session.Subscription;
import io.chainpulse.gateway.session.SubscriptionRequest;
import io.chainpulse.store.CreatorRegistry;
import io.chainpulse.store.Database;
import io.chainpulse.store.OverlayTokens;
import io.chainpulse.store.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OverlayAuthorizerIT {
    private static Database database;
    private static OverlayTokens tokens;
    private static CreatorRegistry creators;

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T08:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @BeforeAll
    static void start() {
        database = TestDatabases.freshSchema();
        tokens = new OverlayTokens(database.jdbi());
        creators = new CreatorRegistry(database.jdbi());
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    private static SubscriptionRequest request(UUID creatorId, String token) {
        return new SubscriptionRequest(creatorId, token, Optional.empty(),
                Subscription.everything(creatorId.toString(), ChannelKind.OVERLAY));
    }

    private static UUID aCreator() {
        return creators.register(TestDatabases.aWallet()).creatorId();
    }

    @Test
    void shouldAdmitALiveTokenAndRefuseAnUnknownOne() {
        OverlayAuthorizer authorizer = new OverlayAuthorizer(tokens, Duration.ofSeconds(2), new HandClock());
        UUID creator = aCreator();
        String token = tokens.issue(creator);

        assertThat(authorizer.refusal(request(creator, token))).isEmpty();
        assertThat(authorizer.refusal(request(creator, "not-a-token"))).isPresent();
        assertThat(authorizer.refusal(request(aCreator(), token))).as("another creator's token").isPresent();
    }

    @Test
    void shouldBelieveALiveTokenForTheRememberedWhileOnly() {
        HandClock clock = new HandClock();
        OverlayAuthorizer authorizer = new OverlayAuthorizer(tokens, Duration.ofSeconds(2), clock);
        UUID creator = aCreator();
        String token = tokens.issue(creator);
        assertThat(authorizer.refusal(request(creator, token))).isEmpty();

        tokens.revoke(token);

        // remembered: the revocation watcher closes such sockets within its interval
        clock.advance(Duration.ofMillis(1_500));
        assertThat(authorizer.refusal(request(creator, token))).isEmpty();
        clock.advance(Duration.ofMillis(600));
        assertThat(authorizer.refusal(request(creator, token))).isPresent();
    }

    @Test
    void shouldRefuseATokenOnceItsCreatorIsForgotten() {
        OverlayAuthorizer authorizer = new OverlayAuthorizer(tokens, Duration.ofMinutes(10), new HandClock());
        UUID creator = aCreator();
        String token = tokens.issue(creator);
        assertThat(authorizer.refusal(request(creator, token))).isEmpty();

        tokens.revoke(token);
        authorizer.forget(creator);

        assertThat(authorizer.refusal(request(creator, token))).isPresent();
    }

    @Test
    void shouldNeverRememberARefusal() {
        OverlayAuthorizer authorizer = new OverlayAuthorizer(tokens, Duration.ofMinutes(10), new HandClock());
        UUID creator = aCreator();
        String token = "0123456789abcdef";
        assertThat(authorizer.refusal(request(creator, token))).isPresent();

        String issued = tokens.issue(creator);

        assertThat(authorizer.refusal(request(creator, issued))).isEmpty();
        assertThat(authorizer.refusal(request(creator, token))).isPresent();
    }
}
