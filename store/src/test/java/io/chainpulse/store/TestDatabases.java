package io.chainpulse.store;

import java.util.Map;
import java.util.UUID;

/** A fresh, migrated schema per test class on the local PostgreSQL (DATABASE_URL or the default). */
public final class TestDatabases {
    private TestDatabases() {}

    public static DatabaseSettings freshSchemaSettings() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return DatabaseSettings.fromEnv(Map.of(
                "DATABASE_URL", System.getenv().getOrDefault("DATABASE_URL", DatabaseSettings.DEFAULT_URL),
                "DATABASE_SCHEMA", schema));
    }

    public static Database freshSchema() {
        return Database.connectAndMigrate(freshSchemaSettings(), "test");
    }

    public static String aWallet() {
        String hex = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        return "0x" + hex.substring(0, 40);
    }
}
