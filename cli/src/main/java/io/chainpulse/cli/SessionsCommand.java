package io.chainpulse.cli;

import io.chainpulse.store.CreatorRegistry;
import io.chainpulse.store.Database;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts and ends a creator's live session in the database at DATABASE_URL: tips the processor writes while one is
 * open carry tipMode live, the others offline. The gateway offers the same over HTTP to the creator's streamer token
 * ({@code POST} / {@code DELETE /api/creators/{creatorId}/sessions}).
 */
@Command(name = "sessions", mixinStandardHelpOptions = true,
        description = "Start or end a creator's live session (tips in between carry tipMode=live).",
        subcommands = {SessionsCommand.Start.class, SessionsCommand.End.class})
final class SessionsCommand {
    private SessionsCommand() {}

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Open a live session: the following tips carry tipMode=live.")
    static final class Start implements Runnable {
        @Option(names = "--creator", required = true, description = "The creatorId.")
        UUID creatorId;

        @Override
        public void run() {
            try (Database database = CreatorsCommand.database()) {
                CreatorRegistry creators = registered(database, creatorId);
                boolean started = creators.goLive(creatorId);
                System.out.println((started ? "started" : "already open:") + " live session of " + creatorId
                        + "; following tips carry tipMode=live");
            }
        }
    }

    @Command(name = "end", mixinStandardHelpOptions = true,
            description = "End the live session: the following tips carry tipMode=offline.")
    static final class End implements Runnable {
        @Option(names = "--creator", required = true, description = "The creatorId.")
        UUID creatorId;

        @Override
        public void run() {
            try (Database database = CreatorsCommand.database()) {
                boolean ended = registered(database, creatorId).endLive(creatorId);
                System.out.println((ended ? "ended" : "no open") + " live session of " + creatorId
                        + "; following tips carry tipMode=offline");
            }
        }
    }

    private static CreatorRegistry registered(Database database, UUID creatorId) {
        CreatorRegistry creators = new CreatorRegistry(database.jdbi());
        if (creators.findById(creatorId).isEmpty()) {
            throw new IllegalArgumentException("no creator with id " + creatorId);
        }
        return creators;
    }
}
