package io.chainpulse.gateway;

import io.javalin.config.RoutesConfig;

/**
 * HTTP routes that live outside the gateway (the test endpoints, for one) and are added to its server by whoever
 * starts it. {@link #register} runs once while the server is configured; {@link #close} after the server stopped.
 */
public interface RouteModule extends AutoCloseable {
    /** Adds this module's routes. */
    void register(RoutesConfig routes);

    /** A few words for the start-up log line, e.g. {@code test endpoints under /api/test/}. */
    String describe();

    /** Releases what the routes hold; nothing by default. */
    @Override
    default void close() {}
}
