package io.chainpulse.ingest;

import io.chainpulse.ingest.evm.LoggedProgress;
import io.chainpulse.ingest.http.IngestHttpServer;
import io.chainpulse.schemas.TopicLayout;
import io.chainpulse.schemas.Topics;

/** Runs EVM ingest alone, configured from the environment. */
public final class IngestMain {
    private IngestMain() {}

    public static void main(String[] args) {
        IngestConfig config = IngestConfig.fromEnv(System.getenv());
        int httpPort = IngestHttpServer.portFromEnv(System.getenv());
        IngestApp app = IngestApp.create(config, Topics.withPrefix(config.topicPrefix()), TopicLayout.fromEnv(System.getenv()),
                new LoggedProgress()).start();
        var http = IngestHttpServer.tryStart(httpPort, app);
        // SIGTERM/SIGINT: stop answering probes, then let ingest finish its batch and commit its checkpoint
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("ingest-shutdown").unstarted(() -> {
            http.ifPresent(IngestHttpServer::close);
            app.close();
        }));
    }
}
