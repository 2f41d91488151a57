package io.chainpulse.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainpulse.gateway.auth.JwtSettings;
import io.chainpulse.gateway.auth.StreamerTokens;
import io.chainpulse.store.Creator;
import io.chainpulse.store.CreatorRegistry;
import io.chainpulse.store.Database;
import io.chainpulse.store.DatabaseSettings;
import io.chainpulse.store.OverlayTokens;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Registers creators and manages their overlay tokens, in the database at DATABASE_URL. */
@Command(name = "creators", mixinStandardHelpOptions = true, description = "Register creators and manage overlay tokens.",
        subcommands = {CreatorsCommand.Add.class, CreatorsCommand.ListCreators.class, CreatorsCommand.Rotate.class,
                CreatorsCommand.Revoke.class, CreatorsCommand.StreamerToken.class})
final class CreatorsCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Database database() {
        return Database.connectAndMigrate(DatabaseSettings.fromEnv(System.getenv()), "cli");
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Register a wallet as a creator and print its creatorId and a fresh overlay token.")
    static final class Add implements Runnable {
        @Option(names = "--wallet", required = true, description = "The creator's wallet, 0x + 40 hex digits.")
        String wallet;

        @Option(names = "--json", description = "Print {\"creatorId\":…,\"overlayToken\":…}.")
        boolean json;

        @Option(names = "--live", description = "Also open a live session, so tips carry tipMode=live.")
        boolean live;

        @Override
        public void run() {
            try (Database database = database()) {
                Creator creator = new CreatorRegistry(database.jdbi()).register(wallet);
                String token = new OverlayTokens(database.jdbi()).issue(creator.creatorId());
                if (live) {
                    new CreatorRegistry(database.jdbi()).goLive(creator.creatorId());
                }
                print(creator, token, json);
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List registered creators.")
    static final class ListCreators implements Runnable {
        @Override
        public void run() {
            try (Database database = database()) {
                for (Creator creator : new CreatorRegistry(database.jdbi()).list()) {
                    System.out.println(creator.creatorId() + "  " + creator.walletAddress());
                }
            }
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Revoke a creator's overlay tokens and issue a new one (open overlays are closed).")
    static final class Rotate implements Runnable {
        @Option(names = "--creator", required = true, description = "The creatorId.")
        UUID creatorId;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            try (Database database = database()) {
                Creator creator = new CreatorRegistry(database.jdbi()).findById(creatorId)
                        .orElseThrow(() -> new IllegalArgumentException("no creator with id " + creatorId));
                OverlayTokens tokens = new OverlayTokens(database.jdbi());
                tokens.revokeAll(creatorId);
                print(creator, tokens.issue(creatorId), json);
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke every overlay token of a creator.")
    static final class Revoke implements Runnable {
        @Option(names = "--creator", required = true, description = "The creatorId.")
        UUID creatorId;

        @Override
        public void run() {
            try (Database database = database()) {
                int revoked = new OverlayTokens(database.jdbi()).revokeAll(creatorId);
                System.out.println("revoked " + revoked + " token(s) of " + creatorId);
            }
        }
    }

    @Command(name = "streamer-token", mixinStandardHelpOptions = true,
            description = "Print a streamer JWT of the creator that /ws/streamer/{creatorId}?token= and the live session "
                    + "routes accept (signed with JWT_SECRET, else the running dev stack's).")
    static final class StreamerToken implements Runnable {
        @Option(names = "--creator", required = true, description = "The creatorId.")
        UUID creatorId;

        @Option(names = "--ttl", defaultValue = "1h", description = "Lifetime: 90s, 30m, 1h, 2d (default ${DEFAULT-VALUE}).")
        String ttl;

        @Override
        public void run() {
            JwtSettings settings = StreamerTokenSettings.resolve(System.getenv(), StreamerTokenSettings.devStateFile());
            try (Database database = database()) {
                Creator creator = new CreatorRegistry(database.jdbi()).findById(creatorId)
                        .orElseThrow(() -> new IllegalArgumentException("no creator with id " + creatorId));
                System.out.println(StreamerTokens.mint(settings, creator.walletAddress(),
                        StreamerTokenSettings.lifetime(ttl), Clock.systemUTC()));
            }
        }
    }

    private static void print(Creator creator, String token, boolean json) {
        if (json) {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("creatorId", creator.creatorId().toString());
            out.put("walletAddress", creator.walletAddress());
            out.put("overlayToken", token);
            try {
                System.out.println(JSON.writeValueAsString(out));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            System.out.println("creatorId:    " + creator.creatorId());
            System.out.println("wallet:       " + creator.walletAddress());
            System.out.println("overlayToken: " + token);
            System.out.println("overlay:      ws://localhost:3001/ws/overlay/" + creator.creatorId() + "?token=" + token);
        }
    }
}
