package io.chainpulse.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chainpulse.gateway.auth.StreamerAuthorizer;
import io.chainpulse.store.CreatorRegistry;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

/**
 * A creator's live session over HTTP, authorized by the creator's streamer JWT ({@code Authorization: Bearer …}, or
 * {@code ?token=} like the streamer socket): {@code POST /api/creators/{creatorId}/sessions} starts it, so the
 * following tips carry {@code tipMode: "live"}; {@code DELETE} on the same path ends it, and they carry
 * {@code offline} again. Both are idempotent. The processor reads the open session when it writes each tip.
 */
public final class LiveSessionRoutes {
    public static final String PATH = "/api/creators/{creatorId}/sessions";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BEARER = "Bearer ";

    private final StreamerAuthorizer streamers;
    private final CreatorRegistry creators;

    public LiveSessionRoutes(StreamerAuthorizer streamers, CreatorRegistry creators) {
        this.streamers = streamers;
        this.creators = creators;
    }

    public void start(Context ctx) throws IOException {
        Optional<UUID> creatorId = authorized(ctx);
        if (creatorId.isPresent()) {
            boolean started = creators.goLive(creatorId.get());
            answer(ctx, started ? 201 : 200, creatorId.get(), "live", started);
        }
    }

    public void end(Context ctx) throws IOException {
        Optional<UUID> creatorId = authorized(ctx);
        if (creatorId.isPresent()) {
            boolean ended = creators.endLive(creatorId.get());
            answer(ctx, 200, creatorId.get(), "offline", ended);
        }
    }

    private Optional<UUID> authorized(Context ctx) throws IOException {
        UUID creatorId;
        try {
            creatorId = UUID.fromString(ctx.pathParam("creatorId"));
        } catch (IllegalArgumentException e) {
            error(ctx, 400, "creatorId must be a UUID");
            return Optional.empty();
        }
        String header = ctx.header("Authorization");
        String token = header != null && header.startsWith(BEARER) ? header.substring(BEARER.length()).trim()
                : ctx.queryParam("token");
        if (token == null || token.isBlank()) {
            error(ctx, 401, "missing streamer token: send Authorization: Bearer <jwt>");
            return Optional.empty();
        }
        Optional<String> refusal = streamers.refusal(creatorId, token);
        if (refusal.isPresent()) {
            error(ctx, 401, refusal.get());
            return Optional.empty();
        }
        return Optional.of(creatorId);
    }

    private static void answer(Context ctx, int status, UUID creatorId, String tipMode, boolean changed)
            throws IOException {
        ObjectNode body = JSON.createObjectNode().put("creatorId", creatorId.toString()).put("tipMode", tipMode)
                .put("changed", changed);
        ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(body));
    }

    private static void error(Context ctx, int status, String message) throws IOException {
        ctx.status(status).contentType("application/json")
                .result(JSON.writeValueAsBytes(JSON.createObjectNode().put("error", message)));
    }
}
