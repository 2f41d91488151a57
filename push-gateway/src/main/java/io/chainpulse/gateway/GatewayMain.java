package io.chainpulse.gateway;

import io.chainpulse.schemas.Topics;
import io.chainpulse.store.Database;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Runs the push gateway alone: reads {@link GatewayConfig} once, connects, starts, and stops on shutdown. */
public final class GatewayMain {
    private GatewayMain() {}

    public static void main(String[] args) {
        run(System.getenv(), (topics, database) -> List.of());
    }

    /** Starts a gateway configured by {@code env} with extra routes, and stops it on shutdown. */
    public static void run(Map<String, String> env, BiFunction<Topics, Database, List<RouteModule>> routeModules) {
        Running running = start(env, routeModules);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("gateway-shutdown").unstarted(running::close));
    }

    /**
     * Starts a gateway configured by {@code env} with the extra routes {@code routeModules} builds on its topics and
     * database (the test endpoints, say); closing what it returns stops the gateway, then the database.
     */
    public static Running start(Map<String, String> env,
            BiFunction<Topics, Database, List<RouteModule>> routeModules) {
        GatewayConfig config = GatewayConfig.fromEnv(env);
        Database database = Database.connectAndMigrate(config.database(), "push-gateway");
        try {
            Topics topics = config.topics();
            return new Running(GatewayApp.create(config, topics, database, routeModules.apply(topics, database))
                    .start(), database);
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
