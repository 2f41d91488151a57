package io.chainpulse.ingest.stellar;

import io.chainpulse.ingest.http.StellarIngestHttpServer;
import io.chainpulse.schemas.settings.EnvReader;
import java.util.Map;

/** Runs Soroban ingest alone, configured from the environment. */
public final class StellarIngestMain {
    private StellarIngestMain() {}

    public static void main(String[] args) {
        run(System.getenv());
    }

    /** Starts Soroban ingest and its HTTP endpoints from the environment. */
    public static void run(Map<String, String> env) {
        StellarIngestConfig config = StellarIngestConfig.fromEnv(new EnvReader(env));
        StellarIngestApp app = StellarIngestApp.create(config).start();
        var http = StellarIngestHttpServer.tryStart(config.httpPort(), app);
        // SIGTERM/SIGINT: stop answering probes, then let ingest finish its page and commit its cursor
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("stellar-ingest-shutdown").unstarted(() -> {
            http.ifPresent(StellarIngestHttpServer::close);
            app.close();
        }));
    }
}
