package io.chainpulse.ingest;

import io.chainpulse.ingest.evm.LoggedProgress;
import io.chainpulse.ingest.http.IngestHttpServer;
import io.chainpulse.schemas.TopicLayout;
import io.chainpulse.schemas.Topics;

/** Runs EVM ingest alone, configured from the environment. */
public final class IngestMain {
    private IngestMain() {}

    public static void main(String[] args) {
        run(System.getenv(), new LoggedProgress());
    }

    /** Starts ingest and its HTTP endpoints from the environment, reporting backfill progress to {@code progress}. */
    public static void run(java.util.Map<String, String> env, io.chainpulse.ingest.evm.BackfillProgress progress) {
        IngestConfig config = IngestConfig.fromEnv(env);
        int httpPort = IngestHttpServer.portFromEnv(env);
        IngestApp app = IngestApp.create(config, Topics.withPrefix(config.topicPrefix()), TopicLayout.fromEnv(env),
                progress).start();
        var http = IngestHttpServer.tryStart(httpPort, app);
        // SIGTERM/SIGINT: stop answering probes, then let ingest finish its batch and commit its checkpoint
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("ingest-shutdown").unstarted(() -> {
            http.ifPresent(IngestHttpServer::close);
            app.close();
        }));
    }
}
