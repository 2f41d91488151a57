package io.chainpulse.gateway;

import io.chainpulse.store.Database;
import java.util.Map;

/** Runs the push gateway alone: reads {@link GatewayConfig} once, connects, starts, and stops on shutdown. */
public final class GatewayMain {
    private GatewayMain() {}

    public static void main(String[] args) {
        Running running = run(System.getenv());
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("gateway-shutdown").unstarted(running::close));
    }

    /** Starts a gateway configured by {@code env}; closing what it returns stops the gateway, then the database. */
    public static Running run(Map<String, String> env) {
        GatewayConfig config = GatewayConfig.fromEnv(env);
        Database database = Database.connectAndMigrate(config.database(), "push-gateway");
        try {
            return new Running(GatewayApp.create(config, config.topics(), database).start(), database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** A started gateway and the database it owns. */
    public record Running(GatewayApp app, Database database) implements AutoCloseable {
        @Override
        public void close() {
            app.close();
            database.close();
        }
    }
}
