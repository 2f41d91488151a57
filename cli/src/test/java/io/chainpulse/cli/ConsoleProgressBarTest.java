package io.chainpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainpulse.ingest.evm.BackfillProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleProgressBarTest {
    private static final BackfillProgress NOTHING = new BackfillProgress() {
        @Override
        public void advanced(long fromBlock, long toBlock, long targetBlock, int logs) {}

        @Override
        public void caughtUp(long block) {}
    };

    @Test
    void shouldDrawTheShareOfBlocksDoneAndEndTheLineWhenCaughtUp() {
        var bytes = new ByteArrayOutputStream();
        var bar = new ConsoleProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), NOTHING);

        bar.advanced(1, 50, 100, 40);
        bar.advanced(51, 100, 100, 60);
        bar.caughtUp(100);

        String drawn = bytes.toString(StandardCharsets.UTF_8);
        assertThat(drawn).contains(" 50% block 50/100, 40 logs").contains("100% block 100/100, 100 logs")
                .contains("[##############################]").endsWith(System.lineSeparator());
    }

    @Test
    void shouldDrawNothingWhileFollowingNewHeadsAfterCatchingUp() {
        var bytes = new ByteArrayOutputStream();
        var bar = new ConsoleProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), NOTHING);
        bar.advanced(1, 100, 100, 10);
        bar.caughtUp(100);
        int afterBackfill = bytes.size();

        bar.advanced(101, 101, 101, 1);
        bar.caughtUp(101);
        bar.advanced(102, 102, 102, 0);
        bar.caughtUp(102);

        assertThat(bytes.size()).isEqualTo(afterBackfill);
    }
}
