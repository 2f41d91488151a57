package io.chainpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainpulse.bench.load.LoadGenerators;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CI run of the benchmarks (issue 18): every command with --smoke on the real stack exits 0 only when nothing
 * was lost or repeated, every step kept pace and every figure was measured; one tip dropped makes it fail.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class BenchSmokeIT {
    @TempDir
    static Path workDir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void shouldPassEverySmokeBenchmarkWithNothingLostRepeatedOrUnmeasured() {
        // Given the real stack of each benchmark, When every one runs with --smoke
        int exit = new CommandLine(new BenchMain()).execute("all", "--smoke", "--work-dir", workDir.toString());

        // Then
        assertThat(exit).as("bench all --smoke exit code (failures are listed above)").isZero();
    }

    @Test
    void shouldFailWhenOneTipPerLoadGeneratorIsLost() throws Exception {
        // Given load generators that drop the first tip after every reset, as a lost one would look
        System.setProperty(LoadGenerators.DROP_PROPERTY, "1");
        try {
            // When
            int exit = new CommandLine(new BenchMain()).execute("fanout", "--smoke", "--work-dir", workDir.toString());

            // Then it fails, and for the loss (not for an error on the way)
            assertThat(exit).as("fanout --smoke exit code with a tip dropped").isEqualTo(1);
            JsonNode report = new ObjectMapper().readTree(workDir.resolve("smoke-reports/fanout.json").toFile());
            assertThat(report.path("failures").toString()).contains("1 of 400 lost");
        } finally {
            System.clearProperty(LoadGenerators.DROP_PROPERTY);
        }
    }
}
