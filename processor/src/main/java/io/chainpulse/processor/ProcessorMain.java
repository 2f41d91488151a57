package io.chainpulse.processor;

import io.chainpulse.processor.http.ProcessorHttpServer;
import io.chainpulse.schemas.TopicLayout;
import io.chainpulse.schemas.Topics;
import io.chainpulse.store.Database;
import io.chainpulse.store.DatabaseSettings;

/** Runs the processor alone, configured from the environment. */
public final class ProcessorMain {
    private ProcessorMain() {}

    public static void main(String[] args) {
        ProcessorConfig config = ProcessorConfig.fromEnv(System.getenv());
        int httpPort = ProcessorHttpServer.portFromEnv(System.getenv());
        Database database = Database.connectAndMigrate(DatabaseSettings.fromEnv(System.getenv()), "processor");
        ProcessorApp app = ProcessorApp.create(config, Topics.withPrefix(config.topicPrefix()), TopicLayout.fromEnv(System.getenv()),
                database).start();
        var http = ProcessorHttpServer.tryStart(httpPort, app, database::isReachable);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("processor-shutdown").unstarted(() -> {
            http.ifPresent(ProcessorHttpServer::close);
            app.close();
            database.close();
        }));
    }
}
