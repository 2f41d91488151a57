package io.chainpulse.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SubscriptionRequestTest {
    private static final String CREATOR = UUID.randomUUID().toString();

    @Test
    void shouldRefuseAnEthAmountWhoseExponentOverflowsAnIntWith1008NotAnArithmeticException() {
        var parsed = SubscriptionRequest.parse(ChannelKind.OVERLAY, CREATOR,
                Map.of("token", "t", "minAmountEth", "1E2147483647"));

        assertThat(parsed).isEqualTo(new SubscriptionRequest.Invalid(Refusal.policy(
                "minAmountEth must be a non-negative decimal with at most 18 decimals")));
    }

    @Test
    void shouldAcceptTheLargestEthAmount() {
        var parsed = SubscriptionRequest.parse(ChannelKind.OVERLAY, CREATOR,
                Map.of("token", "t", "minAmountEth", "9".repeat(40) + "." + "9".repeat(18)));

        assertThat(parsed).isInstanceOf(SubscriptionRequest.Valid.class);
    }
}
