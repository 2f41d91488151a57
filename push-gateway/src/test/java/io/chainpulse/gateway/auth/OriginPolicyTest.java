package io.chainpulse.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    @Test
    void shouldLetInClientsWithoutOriginAndPagesOfTheGatewayItselfWhenNoFrontendIsSet() {
        OriginPolicy policy = new OriginPolicy(List.of(), false);

        assertThat(policy.allows(null, "gateway.example:3001")).isTrue();
        assertThat(policy.allows("http://gateway.example:3001", "gateway.example:3001")).isTrue();
        assertThat(policy.allows("https://evil.example", "gateway.example:3001")).isFalse();
    }

    @Test
    void shouldLetInTheListedFrontendsOnly() {
        OriginPolicy policy = new OriginPolicy(List.of("https://app.example"), false);

        assertThat(policy.allows("https://app.example", "gateway.example")).isTrue();
        assertThat(policy.allows("https://app.example/", "gateway.example")).isTrue();
        assertThat(policy.allows("https://app.example.evil.example", "gateway.example")).isFalse();
        assertThat(policy.anyOrigin()).isFalse();
    }

    @Test
    void shouldLetInEveryOriginOnlyWhenAskedTo() {
        OriginPolicy policy = new OriginPolicy(List.of(), true);

        assertThat(policy.allows("https://anyone.example", "gateway.example")).isTrue();
        assertThat(policy.anyOrigin()).isTrue();
    }
}
