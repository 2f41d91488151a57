package io.chainpulse.processor;

import io.chainpulse.schemas.TopicLayout;
import io.chainpulse.schemas.Topics;
import io.chainpulse.store.Database;
import io.chainpulse.store.DatabaseSettings;

/** Runs the processor alone, configured from the environment. */
public final class ProcessorMain {
    private ProcessorMain() {}

    public static void main(String[] args) {
        ProcessorConfig config = ProcessorConfig.fromEnv(System.getenv());
        Database database = Database.connectAndMigrate(DatabaseSettings.fromEnv(System.getenv()), "processor");
        ProcessorApp app = ProcessorApp.create(config, Topics.withPrefix(config.topicPrefix()), TopicLayout.fromEnv(System.getenv()),
                database).start();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("processor-shutdown").unstarted(() -> {
            app.close();
            database.close();
        }));
    }
}
