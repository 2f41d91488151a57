package io.chainpulse.bench.stack;

import io.chainpulse.localstack.FreePorts;
import io.chainpulse.localstack.KafkaCluster;
import io.chainpulse.localstack.NodeJvm;
import io.chainpulse.schemas.TopicLayout;
import io.chainpulse.schemas.Topics;
import io.chainpulse.store.Database;
import io.chainpulse.store.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real stack a benchmark drives: a local KRaft broker (child JVM), a fresh PostgreSQL schema, fresh topics, and
 * the processor and push gateway each in its own JVM. Closed in reverse order of start.
 */
public final class BenchStack implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BenchStack.class);
    /** The contract and chain raw test events claim; the processor accepts exactly these. */
    public static final String CONTRACT = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    public static final String CHAIN_ID = "31337";

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private static final List<String> TUNABLE_PREFIXES = List.of("PROCESSOR_", "GATEWAY_", "WS_", "DATABASE_POOL", "REPLAY_",
            "TOKEN_");
    private final Map<String, String> env = new HashMap<>();
    private final Path workDir;
    private final Topics topics;
    private final Database database;
    private final KafkaCluster kafka;
    private final DatabaseSettings databaseSettings;

    private BenchStack(Path workDir, KafkaCluster kafka, DatabaseSettings databaseSettings, Database database,
            Topics topics) {
        this.workDir = workDir;
        this.kafka = kafka;
        this.databaseSettings = databaseSettings;
        this.database = database;
        this.topics = topics;
    }

    // a broker several stacks in a row run on (bench all), each with its own topics and schema; null: one per stack
    private static KafkaCluster sharedBroker;

    /**
     * Starts one broker that every stack started before the returned handle closes runs on, instead of one each
     * (the stacks still get fresh topics, schema and application ids): {@code bench all} pays a broker start once.
     */
    public static AutoCloseable shareOneBroker(Path workDir) {
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KafkaCluster kafka = KafkaCluster.start(1, workDir.resolve("kafka-shared-" + UUID.randomUUID().toString()
                .substring(0, 8)), NodeJvm.FULL_SPEED);
        sharedBroker = kafka;
        return () -> {
            sharedBroker = null;
            kafka.close();
        };
    }

    /** Starts a broker (or uses the shared one) and a fresh schema; services are started on demand. */
    public static BenchStack start(Path workDir) {
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        KafkaCluster shared = sharedBroker;
        KafkaCluster kafka = shared != null ? shared : KafkaCluster.start(1, workDir.resolve("kafka-" + run), NodeJvm.FULL_SPEED);
        DatabaseSettings settings = DatabaseSettings.fromEnv(Map.of(
                "DATABASE_URL", System.getenv().getOrDefault("DATABASE_URL", DatabaseSettings.DEFAULT_URL),
                "DATABASE_SCHEMA", "bench_" + run));
        Database database = Database.connectAndMigrate(settings, "bench");
        Topics topics = Topics.withPrefix("bench" + run);
        try (Admin admin = kafka.admin()) {
            TopicLayout.singleBroker().ensureTopics(admin, topics);
        }
        BenchStack stack = new BenchStack(workDir, kafka, settings, database, topics);
        if (shared == null) {
            stack.started.push(kafka);
        }
        stack.env.putAll(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "DATABASE_URL", settings.jdbcUrl(),
                "DATABASE_SCHEMA", settings.schema(),
                "TOPIC_PREFIX", topics.raw().name().substring(0, topics.raw().name().indexOf('.')),
                "EVM_CHAIN_ID", CHAIN_ID,
                "DROPPIO_CONTRACT_ADDRESS", CONTRACT,
                "PROCESSOR_APPLICATION_ID", "bench-processor-" + run,
                "PROCESSOR_STATE_DIR", workDir.resolve("streams-" + run).toString(),
                // the load generators open thousands of sockets per source address within seconds (the gateway allows
                // at most a million a minute)
                "WS_CONNECTIONS_PER_IP_PER_MINUTE", "1000000",
                "CHAINPULSE_LOG_FORMAT", "TEXT"));
        stack.env.put("PROCESSOR_HTTP_PORT", "0");
        stack.env.put("INGEST_HTTP_PORT", "0");
        // settings under study come from the bench's own environment, e.g. PROCESSOR_THREADS=1 scripts/bench/run.sh …
        System.getenv().forEach((name, value) -> {
            if (TUNABLE_PREFIXES.stream().anyMatch(name::startsWith) && !stack.env.containsKey(name)) {
                stack.env.put(name, value);
                log.info("bench stack: {}={} from the environment", name, value);
            }
        });
        log.info("bench stack: broker {}, schema {}, topics {}.*", kafka.bootstrapServers(), settings.schema(),
                stack.env.get("TOPIC_PREFIX"));
        return stack;
    }

    public Map<String, String> env() {
        return Map.copyOf(env);
    }

    public Topics topics() {
        return topics;
    }

    public Database database() {
        return database;
    }

    public DatabaseSettings databaseSettings() {
        return databaseSettings;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public Path workDir() {
        return workDir;
    }

    /** The broker's JVM, for CPU figures. */
    public Optional<ProcessHandle> brokerProcess() {
        // the broker JVM, not the sh wrapper (and its reader subshell) that TiedProcess starts it under: their
        // command lines hold the JVM's too, and their CPU is next to nothing
        return ProcessHandle.current().descendants()
                .filter(handle -> {
                    String commandLine = ProcStat.commandLine(handle.pid());
                    return commandLine.contains(" kafka.Kafka ") && commandLine.split(" ", 2)[0].endsWith("java");
                })
                .findFirst();
    }

    /** Starts a push gateway JVM on a free port and waits until it answers /health with 200. */
    public ServiceProcess startGateway(int port, List<String> jvmOptions, Map<String, String> extraEnv) {
        Map<String, String> gatewayEnv = new HashMap<>(env);
        gatewayEnv.put("GATEWAY_PORT", String.valueOf(port));
        gatewayEnv.putAll(extraEnv);
        ServiceProcess gateway = ServiceProcess.start("gateway", "io.chainpulse.gateway.GatewayMain", gatewayEnv,
                jvmOptions, workDir.resolve("gateway-" + port + ".log"));
        awaitHealthy(gateway, "http://127.0.0.1:" + port + "/health", Duration.ofSeconds(90));
        return gateway;
    }

    public static int freePort() {
        return FreePorts.next();
    }

    /** Starts the processor JVM and waits until its /health answers 200 (stream threads running). */
    public ServiceProcess startProcessor(List<String> jvmOptions) {
        return startProcessor(jvmOptions, Map.of());
    }

    public ServiceProcess startProcessor(List<String> jvmOptions, Map<String, String> extraEnv) {
        int port = FreePorts.next();
        Map<String, String> processorEnv = new HashMap<>(env);
        processorEnv.putAll(extraEnv);
        processorEnv.put("PROCESSOR_HTTP_PORT", String.valueOf(port));
        ServiceProcess processor = ServiceProcess.start("processor", "io.chainpulse.processor.ProcessorMain",
                processorEnv, jvmOptions, workDir.resolve("processor-" + port + ".log"));
        started.push(processor);
        awaitHealthy(processor, "http://127.0.0.1:" + port + "/health", Duration.ofSeconds(120));
        return processor;
    }

    static void awaitHealthy(ServiceProcess service, String url, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException(service.name() + " exited at start; see " + service.log());
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            Sleep.millis(250);
        }
        throw new IllegalStateException(service.name() + " not healthy at " + url + " within " + timeout
                + "; see " + service.log());
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable next = started.pop();
            try {
                next.close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", next.getClass().getSimpleName(), e.toString());
            }
        }
        try {
            database.jdbi().useHandle(handle -> handle.execute("DROP SCHEMA IF EXISTS " + databaseSettings.schema() + " CASCADE"));
        } catch (RuntimeException e) {
            log.warn("dropping schema {} failed: {}", databaseSettings.schema(), e.toString());
        }
        database.close();
    }
}
