package io.chainpulse.ingest.evm;

/** Receives backfill progress; the service logs it, the CLI also draws a progress bar. */
public interface BackfillProgress {
    void advanced(long fromBlock, long toBlock, long targetBlock, int logs);

    void caughtUp(long block);
}
