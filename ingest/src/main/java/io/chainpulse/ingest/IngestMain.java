package io.chainpulse.ingest;

import io.chainpulse.ingest.evm.LoggedProgress;
import io.chainpulse.schemas.TopicLayout;
import io.chainpulse.schemas.Topics;

/** Runs EVM ingest alone, configured from the environment. */
public final class IngestMain {
    private IngestMain() {}

    public static void main(String[] args) {
        IngestConfig config = IngestConfig.fromEnv(System.getenv());
        IngestApp app = IngestApp.create(config, Topics.withPrefix(config.topicPrefix()), TopicLayout.fromEnv(System.getenv()),
                new LoggedProgress()).start();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("ingest-shutdown").unstarted(app::close));
    }
}
