package io.chainpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class DevProcessesTest {
    @TempDir
    Path data;

    @Test
    void shouldStopWhatAnEarlierDevLeftRunningAndForgetIt() throws Exception {
        // given a process an earlier dev recorded and never stopped
        Process leftover = new ProcessBuilder("sleep", "600").start();
        new DevProcesses(data).record(List.of(leftover.toHandle()));

        // when the next dev starts
        new DevProcesses(data).stopLeftovers();

        // then it is gone, and so is the record
        assertThat(leftover.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(data.resolve("dev.pids")).doesNotExist();
    }

    @Test
    void shouldLeaveAProcessAloneWhenItsPidWasRecycled() throws Exception {
        // given a record whose pid now belongs to a process started at another instant
        Process stranger = new ProcessBuilder("sleep", "600").start();
        try {
            long otherStart = stranger.toHandle().info().startInstant().orElseThrow().toEpochMilli() - 60_000;
            Files.writeString(data.resolve("dev.pids"), stranger.pid() + " " + otherStart + "\n");

            // when the next dev starts
            new DevProcesses(data).stopLeftovers();

            // then the stranger still runs
            assertThat(stranger.isAlive()).isTrue();
        } finally {
            stranger.destroyForcibly();
        }
    }
}
