package io.chainpulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TiedProcessIT {

    @Test
    void shouldStopTheChildWhenTheJvmThatStartedItIsKilled() throws Exception {
        // given a JVM that started a tied sleep
        Path log = Files.createTempFile("tied-sleeper", ".log");
        JavaProcess parent = JavaProcess.start(TiedSleeper.class.getName(), Map.of(), log);
        long[] childPid = new long[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Matcher matcher = Pattern.compile("sleep pid (\\d+)").matcher(Files.readString(log));
            if (matcher.find()) {
                childPid[0] = Long.parseLong(matcher.group(1));
            }
            return childPid[0] > 0;
        });
        assertThat(ProcessHandle.of(childPid[0]).map(ProcessHandle::isAlive)).contains(true);

        // when that JVM dies by SIGKILL, with no shutdown hook
        parent.kill();

        // then the sleep is gone too
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.of(childPid[0]).map(handle -> !handle.isAlive()).orElse(true));
    }

    @Test
    void shouldPassSigtermToTheChildAndExitWithItsStatus() {
        // given a tied shell that exits 7 on SIGTERM
        TiedProcess tied = TiedProcess.start(new ProcessBuilder("sh", "-c",
                "trap 'exit 7' TERM; while :; do sleep 0.1; done"));
        await().atMost(Duration.ofSeconds(10)).until(() -> tied.handles().size() >= 3);

        // when it is terminated
        boolean exited = tied.terminate(10);

        // then the child ran its handler, and nothing under the wrapper is left
        assertThat(exited).isTrue();
        assertThat(tied.exitValue()).isEqualTo(7);
        assertThat(tied.isAlive()).isFalse();
    }
}
