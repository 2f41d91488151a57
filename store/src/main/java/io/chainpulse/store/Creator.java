package io.chainpulse.store;

import java.util.UUID;

/** A registered creator: the id clients subscribe to and the wallet tips arrive at (lowercased). */
public record Creator(UUID creatorId, String walletAddress) {}
