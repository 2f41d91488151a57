package io.chainpulse.gateway;

import io.chainpulse.schemas.Topics;
import io.chainpulse.store.Database;
import io.chainpulse.store.DatabaseSettings;

/** Runs the push gateway alone, configured from the environment. */
public final class GatewayMain {
    private GatewayMain() {}

    public static void main(String[] args) {
        GatewayConfig config = GatewayConfig.fromEnv(System.getenv());
        Database database = Database.connectAndMigrate(DatabaseSettings.fromEnv(System.getenv()), "push-gateway");
        GatewayApp app = GatewayApp.create(config, Topics.withPrefix(config.topicPrefix()), database).start();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("gateway-shutdown").unstarted(() -> {
            app.close();
            database.close();
        }));
    }
}
