package io.chainpulse.bench.stack;

import io.chainpulse.store.Creator;
import io.chainpulse.store.CreatorRegistry;
import io.chainpulse.store.Database;
import io.chainpulse.store.OverlayTokens;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Registers benchmark creators through the store's own API and issues one overlay token each. */
public final class Creators {
    /** A registered creator and the overlay token its clients connect with. */
    public record BenchCreator(UUID creatorId, String wallet, String token) {}

    private Creators() {}

    public static List<BenchCreator> register(Database database, int count) {
        return register(database, randomWallets(count));
    }

    public static List<BenchCreator> register(Database database, List<String> wallets) {
        CreatorRegistry registry = new CreatorRegistry(database.jdbi());
        OverlayTokens tokens = new OverlayTokens(database.jdbi());
        List<BenchCreator> creators = new ArrayList<>(wallets.size());
        for (String wallet : wallets) {
            Creator creator = registry.register(wallet);
            creators.add(new BenchCreator(creator.creatorId(), creator.walletAddress(), tokens.issue(creator.creatorId())));
        }
        return creators;
    }

    public static List<String> randomWallets(int count) {
        List<String> wallets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] address = new byte[20];
            ThreadLocalRandom.current().nextBytes(address);
            wallets.add("0x" + HexFormat.of().formatHex(address));
        }
        return wallets;
    }
}
