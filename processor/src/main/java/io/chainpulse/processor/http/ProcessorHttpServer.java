package io.chainpulse.processor.http;

import io.chainpulse.processor.ProcessorApp;
import io.chainpulse.schemas.ops.OpsHttpServer;
import io.chainpulse.schemas.settings.EnvReader;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The processor's operations port ({@link OpsHttpServer}) on PROCESSOR_HTTP_PORT: {@code /health} says the Kafka
 * Streams state and whether PostgreSQL answers; 503 unless the streams run or rebalance and PostgreSQL answers.
 */
public final class ProcessorHttpServer implements AutoCloseable {
    private static final String VARIABLE = "PROCESSOR_HTTP_PORT";

    private final OpsHttpServer server;

    private ProcessorHttpServer(OpsHttpServer server) {
        this.server = server;
    }

    /** PROCESSOR_HTTP_PORT alone (0..65535, default 3003), for launchers that start the port themselves. */
    public static int portFromEnv(Map<String, String> env) {
        return new EnvReader(env).intValue(VARIABLE, 3003, 0, 65_535);
    }

    public static ProcessorHttpServer start(int port, ProcessorApp app, BooleanSupplier databaseReachable) {
        return start(port, app::scrape, app::state, databaseReachable);
    }

    static ProcessorHttpServer start(int port, Supplier<String> scrape, Supplier<KafkaStreams.State> state,
            BooleanSupplier databaseReachable) {
        return new ProcessorHttpServer(OpsHttpServer.start("processor", VARIABLE, port, scrape,
                () -> health(state.get(), databaseReachable.getAsBoolean())));
    }

    /** Like {@code start}, but a taken port only costs the endpoints (a WARN names PROCESSOR_HTTP_PORT). */
    public static Optional<ProcessorHttpServer> tryStart(int port, ProcessorApp app, BooleanSupplier databaseReachable) {
        return OpsHttpServer.tryStart("processor", VARIABLE, port, app::scrape,
                        () -> health(app.state(), databaseReachable.getAsBoolean()))
                .map(ProcessorHttpServer::new);
    }

    static OpsHttpServer.Health health(KafkaStreams.State state, boolean databaseReachable) {
        boolean up = databaseReachable
                && (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING);
        return new OpsHttpServer.Health(up, "{\"status\":\"%s\",\"streamsState\":\"%s\",\"postgresqlReachable\":%b}"
                .formatted(up ? "UP" : "DOWN", state, databaseReachable));
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
