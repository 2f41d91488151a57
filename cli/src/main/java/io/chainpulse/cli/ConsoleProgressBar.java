package io.chainpulse.cli;

import io.chainpulse.ingest.evm.BackfillProgress;
import java.io.PrintStream;

/**
 * Draws backfill progress as one redrawn terminal line (blocks, logs, rate), then hands over to the log: once
 * caught up it draws nothing while ingest follows new heads. Only for a terminal ({@link #isTerminal()}); elsewhere
 * the log's throttled lines are all there is.
 */
final class ConsoleProgressBar implements BackfillProgress {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final BackfillProgress next;
    private final long startedAt = System.nanoTime();
    private long firstBlock = -1;
    private long logs;
    private long lastDrawnAt;
    private boolean drawing;
    private boolean live;

    /** True when the launcher saw a terminal on stderr (it sets {@code -Dchainpulse.terminal=true}). */
    static boolean isTerminal() {
        return Boolean.getBoolean("chainpulse.terminal");
    }

    ConsoleProgressBar(PrintStream out, BackfillProgress next) {
        this.out = out;
        this.next = next;
    }

    @Override
    public void advanced(long fromBlock, long toBlock, long targetBlock, int logCount) {
        next.advanced(fromBlock, toBlock, targetBlock, logCount);
        if (firstBlock < 0) {
            firstBlock = fromBlock;
        }
        logs += logCount;
        if (toBlock >= targetBlock && live) {
            return;
        }
        live = false;
        long now = System.nanoTime();
        if (toBlock < targetBlock && now - lastDrawnAt < 200_000_000L) {
            return;
        }
        lastDrawnAt = now;
        out.print("\r" + line(toBlock, targetBlock, now));
        out.flush();
        drawing = true;
    }

    String line(long toBlock, long targetBlock, long now) {
        long span = Math.max(1, targetBlock - firstBlock + 1);
        double done = Math.min(1.0, (double) (toBlock - firstBlock + 1) / span);
        int filled = (int) Math.round(done * WIDTH);
        double seconds = Math.max(0.001, (now - startedAt) / 1e9);
        return "backfill [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
                + String.format("%3d%% block %d/%d, %d logs, %.0f logs/s", Math.round(done * 100), toBlock, targetBlock,
                logs, logs / seconds);
    }

    @Override
    public void caughtUp(long block) {
        live = true;
        if (drawing) {
            out.println();
            drawing = false;
        }
        next.caughtUp(block);
    }
}
