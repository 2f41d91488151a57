package io.chainpulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainpulse.gateway.auth.JwtSettings;
import io.chainpulse.localstack.RepoRoot;
import io.chainpulse.schemas.settings.EnvReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code creators streamer-token} signs with: JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE and JWT_MAX_TTL from the
 * environment, as the gateway reads them; without JWT_SECRET there, the secret the running dev stack generated
 * ({@code "jwtSecret"} in {@code .chainpulse/dev.json}).
 */
final class StreamerTokenSettings {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LIFETIME = Pattern.compile("(\\d{1,9})([smhd]?)");

    private StreamerTokenSettings() {}

    static JwtSettings resolve(Map<String, String> env, Optional<Path> devStateFile) {
        Map<String, String> merged = new HashMap<>(env);
        if (new EnvReader(env).optional("JWT_SECRET").isEmpty()) {
            devStateFile.flatMap(StreamerTokenSettings::devSecret).ifPresent(secret -> merged.put("JWT_SECRET", secret));
        }
        return JwtSettings.fromEnv(new EnvReader(merged)).orElseThrow(() -> new IllegalArgumentException(
                "JWT_SECRET must be set (the HS256 key the gateway checks streamer tokens with), or a dev stack "
                        + "started with ./chainpulse dev"));
    }

    /** The dev stack's state file, when this runs inside the repository. */
    static Optional<Path> devStateFile() {
        try {
            return Optional.of(RepoRoot.find().resolve(".chainpulse").resolve("dev.json"));
        } catch (IllegalStateException notInRepository) {
            return Optional.empty();
        }
    }

    private static Optional<String> devSecret(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode secret = JSON.readTree(file.toFile()).path("jwtSecret");
            return secret.isTextual() && !secret.asText().isBlank() ? Optional.of(secret.asText()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A lifetime like {@code 90s}, {@code 30m}, {@code 1h}, {@code 2d}, or whole seconds. */
    static Duration lifetime(String text) {
        Matcher matcher = LIFETIME.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("--ttl must be a lifetime like 90s, 30m, 1h or 2d, was " + text);
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}
