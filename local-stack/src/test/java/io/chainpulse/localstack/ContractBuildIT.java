package io.chainpulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The committed contracts/build JSON is exactly what npm solc compiles from contracts/*.sol today. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ContractBuildIT {

    @Test
    void shouldMatchAFreshCompilationOfTheSoliditySources() throws Exception {
        Process check = new ProcessBuilder("node", "scripts/compile-contracts.mjs", "--check")
                .directory(RepoRoot.find().toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(check.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as("compile-contracts --check said:%n%s", output).isZero();
    }
}
