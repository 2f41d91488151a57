package io.chainpulse.processor;

import io.chainpulse.processor.http.ProcessorHttpServer;
import io.chainpulse.schemas.Topics;
import io.chainpulse.store.Database;
import java.util.Map;

/** Runs the processor alone, configured from the environment. */
public final class ProcessorMain {
    private ProcessorMain() {}

    public static void main(String[] args) {
        run(System.getenv());
    }

    /** Reads the settings once, starts the processor and its operations port, and closes both on shutdown. */
    public static void run(Map<String, String> env) {
        ProcessorConfig config = ProcessorConfig.fromEnv(env);
        Database database = Database.connectAndMigrate(config.database(), "processor");
        ProcessorApp app = ProcessorApp.create(config, Topics.withPrefix(config.topicPrefix()), config.topicLayout(),
                database).start();
        var http = ProcessorHttpServer.tryStart(config.httpPort(), app, database::isReachable);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("processor-shutdown").unstarted(() -> {
            http.ifPresent(ProcessorHttpServer::close);
            app.close();
            database.close();
        }));
    }
}
