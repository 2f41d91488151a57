package io.chainpulse.schemas.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvReaderTest {
    @Test
    void shouldRefuseANumberThatWouldWrapAnIntAndNameTheVariable() {
        EnvReader env = new EnvReader(Map.of("WS_MAX_INBOUND_BYTES", "4294971392"));

        assertThatThrownBy(() -> env.intValue("WS_MAX_INBOUND_BYTES", 65_536, 4096, 16 << 20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("WS_MAX_INBOUND_BYTES must be between 4096 and 16777216, was 4294971392");
    }

    @Test
    void shouldUseTheFallbackWhenUnsetOrBlank() {
        EnvReader env = new EnvReader(Map.of("A", "  "));

        assertThat(env.intValue("A", 7, 0, 10)).isEqualTo(7);
        assertThat(env.millis("B", Duration.ofSeconds(1), Duration.ZERO, Duration.ofHours(1)))
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(env.text("B", "x")).isEqualTo("x");
    }

    @Test
    void shouldNameTheVariableOfAValueThatIsNotANumber() {
        EnvReader env = new EnvReader(Map.of("EVM_CONFIRMATIONS", "two"));

        assertThatThrownBy(() -> env.longValue("EVM_CONFIRMATIONS", 0, 0, Long.MAX_VALUE))
                .hasMessage("EVM_CONFIRMATIONS must be a whole number, was two");
    }

    @Test
    void shouldSayOnlyTheLowerBoundWhenThereIsNoUpperOne() {
        EnvReader env = new EnvReader(Map.of("EVM_CONFIRMATIONS", "-1"));

        assertThatThrownBy(() -> env.longValue("EVM_CONFIRMATIONS", 0, 0, Long.MAX_VALUE))
                .hasMessage("EVM_CONFIRMATIONS must be >= 0, was -1");
    }

    @Test
    void shouldSplitListsAndDropBlanks() {
        EnvReader env = new EnvReader(Map.of("FRONTEND_URL", " http://a , ,http://b"));

        assertThat(env.list("FRONTEND_URL")).isEqualTo(List.of("http://a", "http://b"));
        assertThat(env.list("UNSET")).isEmpty();
    }

    @Test
    void shouldNameARequiredVariableThatIsMissing() {
        EnvReader env = new EnvReader(Map.of());

        assertThatThrownBy(() -> env.required("SOROBAN_RPC_URL", "the Soroban RPC endpoint"))
                .hasMessage("SOROBAN_RPC_URL must be set (the Soroban RPC endpoint)");
    }

    @Test
    void shouldReadFlagsStrictly() {
        EnvReader env = new EnvReader(Map.of("ON", "TRUE", "BAD", "yes"));

        assertThat(env.flag("ON", false)).isTrue();
        assertThatThrownBy(() -> env.flag("BAD", false)).hasMessage("BAD must be true or false, was yes");
    }
}
