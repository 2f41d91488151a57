package io.chainpulse.ingest;

import io.chainpulse.ingest.evm.BackfillProgress;
import io.chainpulse.ingest.evm.LoggedProgress;
import io.chainpulse.ingest.http.IngestHttpServer;
import io.chainpulse.schemas.settings.EnvReader;
import java.util.Map;

/** Runs EVM ingest alone, configured from the environment. */
public final class IngestMain {
    private IngestMain() {}

    public static void main(String[] args) {
        run(System.getenv());
    }

    /** Starts ingest and its HTTP endpoints from the environment, logging backfill progress. */
    public static void run(Map<String, String> env) {
        run(env, new LoggedProgress());
    }

    /** Starts ingest and its HTTP endpoints from the environment, reporting backfill progress to {@code progress}. */
    public static void run(Map<String, String> env, BackfillProgress progress) {
        IngestConfig config = IngestConfig.fromEnv(new EnvReader(env));
        IngestApp app = IngestApp.create(config, progress).start();
        var http = IngestHttpServer.tryStart(config.httpPort(), app);
        // SIGTERM/SIGINT: stop answering probes, then let ingest finish its batch and commit its checkpoint
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("ingest-shutdown").unstarted(() -> {
            http.ifPresent(IngestHttpServer::close);
            app.close();
        }));
    }
}
