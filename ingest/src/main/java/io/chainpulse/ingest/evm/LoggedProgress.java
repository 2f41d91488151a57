package io.chainpulse.ingest.evm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs backfill progress at most every ten seconds, and once when ingest reaches the head. */
public final class LoggedProgress implements BackfillProgress {
    private static final Logger log = LoggerFactory.getLogger(LoggedProgress.class);
    private long lastLogAt;
    private long logsSinceStart;
    private boolean live;

    @Override
    public void advanced(long fromBlock, long toBlock, long targetBlock, int logs) {
        logsSinceStart += logs;
        long now = System.currentTimeMillis();
        if (toBlock < targetBlock) {
            live = false;
            if (now - lastLogAt >= 10_000) {
                lastLogAt = now;
                log.info("backfill at block {} of {} ({} logs published)", toBlock, targetBlock, logsSinceStart);
            }
        }
    }

    @Override
    public void caughtUp(long block) {
        if (!live) {
            live = true;
            log.info("caught up to block {}; following new heads", block);
        }
    }
}
