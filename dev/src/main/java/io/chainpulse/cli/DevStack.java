package io.chainpulse.cli;

import io.chainpulse.gateway.GatewayApp;
import io.chainpulse.gateway.GatewayConfig;
import io.chainpulse.ingest.IngestApp;
import io.chainpulse.ingest.IngestConfig;
import io.chainpulse.ingest.evm.LoggedProgress;
import io.chainpulse.ingest.http.IngestHttpServer;
import io.chainpulse.ingest.rpc.RpcUrls;
import io.chainpulse.ingest.stellar.StellarIngestApp;
import io.chainpulse.ingest.stellar.StellarIngestConfig;
import io.chainpulse.localstack.AnvilChain;
import io.chainpulse.localstack.FreePorts;
import io.chainpulse.localstack.KafkaCluster;
import io.chainpulse.localstack.NodeJvm;
import io.chainpulse.processor.ProcessorApp;
import io.chainpulse.processor.ProcessorConfig;
import io.chainpulse.processor.http.ProcessorHttpServer;
import io.chainpulse.schemas.TopicLayout;
import io.chainpulse.schemas.Topics;
import io.chainpulse.store.Database;
import io.chainpulse.store.DatabaseSettings;
import io.chainpulse.testevents.TestEventRoutes;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack, started in dependency order and closed in reverse: broker, chain + contracts, database,
 * processor, gateway, ingest. Anything given in the environment (KAFKA_BOOTSTRAP_SERVERS, BASE_RPC_URL +
 * DROPPIO_CONTRACT_ADDRESS) is used instead of starting it. A start first stops what a crashed dev left running,
 * and reuses the chain, contracts and JWT secret of the previous one.
 */
public final class DevStack implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DevStack.class);
    public static final int DEV_KAFKA_PORT = 9092;
    public static final int DEV_KAFKA_CONTROLLER_PORT = 9093;
    public static final int DEV_ANVIL_PORT = 8545;

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, String> env;
    private DevState state;
    private GatewayApp gateway;
    private Optional<ProcessorHttpServer> processorHttp = Optional.empty();
    private Optional<IngestHttpServer> ingestHttp = Optional.empty();

    private DevStack(Map<String, String> env) {
        this.env = env;
    }

    /** Starts everything; {@code baseEnv} may pin ports or point at existing services. */
    public static DevStack start(Path root, Map<String, String> baseEnv) {
        DevStack stack = new DevStack(new HashMap<>(baseEnv));
        try {
            stack.startAll(root);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Path root) {
        Path data = Path.of(env.getOrDefault("CHAINPULSE_DATA_DIR", root.resolve(".chainpulse").toString()));
        Path stateFile = data.resolve("dev.json");
        Optional<DevState> previous = readPrevious(stateFile);
        DevProcesses processes = new DevProcesses(data);
        processes.stopLeftovers();
        started.push(processes::forget);
        if (!env.containsKey("KAFKA_BOOTSTRAP_SERVERS")) {
            int port = Integer.parseInt(env.getOrDefault("DEV_KAFKA_PORT", String.valueOf(DEV_KAFKA_PORT)));
            int controller = Integer.parseInt(env.getOrDefault("DEV_KAFKA_CONTROLLER_PORT",
                    String.valueOf(port == 0 ? FreePorts.next() : DEV_KAFKA_CONTROLLER_PORT)));
            if (port == 0) {
                port = FreePorts.next();
            }
            log.info("starting a local KRaft broker on 127.0.0.1:{} (data in {})", port, data.resolve("kafka"));
            KafkaCluster kafka = KafkaCluster.start(1, data.resolve("kafka"), List.of(port), List.of(controller),
                    NodeJvm.FULL_SPEED);
            started.push(kafka);
            kafka.nodes().forEach(node -> processes.record(node.processes()));
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            // the broker is this stack's own: members left in the processor's group belong to a dev that died
            StaleGroupMembers.remove(kafka.bootstrapServers(), ProcessorConfig.fromEnv(withDroppioPlaceholder()).applicationId());
        }
        String doubleTipper = null;
        if (!env.containsKey("BASE_RPC_URL") || !env.containsKey("DROPPIO_CONTRACT_ADDRESS")) {
            int port = Integer.parseInt(env.getOrDefault("DEV_ANVIL_PORT", String.valueOf(DEV_ANVIL_PORT)));
            if (port == 0) {
                port = FreePorts.next();
            }
            AnvilChain chain = AnvilChain.start(port, data.resolve("anvil").resolve("state-" + port + ".json"));
            started.push(chain);
            processes.record(chain.processes());
            DevContracts contracts = DevContracts.reuseOrDeploy(chain, previous);
            env.put("DROPPIO_CONTRACT_ADDRESS", contracts.droppio());
            doubleTipper = contracts.doubleTipper();
            env.put("BASE_RPC_URL", chain.wsUrl() + "," + chain.httpUrl());
            env.put("EVM_CHAIN_ID", String.valueOf(AnvilChain.CHAIN_ID));
            env.putIfAbsent("INGEST_SOURCE_ID", "evm-dev-" + env.get("DROPPIO_CONTRACT_ADDRESS") + "-" + port);
        }
        env.putIfAbsent("TEST_ENDPOINTS_ENABLED", "true");
        DevDefaults.apply(env, previous);
        if ("0".equals(env.get("GATEWAY_PORT"))) {
            // a stack on any free gateway port (tests) takes any free operations ports too, so stacks never collide
            env.putIfAbsent("INGEST_HTTP_PORT", "0");
            env.putIfAbsent("PROCESSOR_HTTP_PORT", "0");
        }
        env.putIfAbsent("PROCESSOR_STATE_DIR", data.resolve("streams").toString());
        Topics topics = Topics.withPrefix(env.getOrDefault("TOPIC_PREFIX", Topics.DEFAULT_PREFIX));
        TopicLayout layout = TopicLayout.fromEnv(env);

        Database database = Database.connectAndMigrate(DatabaseSettings.fromEnv(env), "dev");
        started.push(database);
        ProcessorApp processor = ProcessorApp.create(ProcessorConfig.fromEnv(env), topics, layout, database).start();
        started.push(processor);
        processorHttp = ProcessorHttpServer.tryStart(ProcessorHttpServer.portFromEnv(env), processor, database::isReachable);
        processorHttp.ifPresent(started::push);
        gateway = GatewayApp.create(GatewayConfig.fromEnv(env), topics, database,
                TestEventRoutes.fromEnv(env, topics, database)).start();
        started.push(gateway);
        IngestConfig ingestConfig = IngestConfig.fromEnv(env);
        IngestApp ingest = IngestApp.create(ingestConfig, topics, layout, new LoggedProgress()).start();
        started.push(ingest);
        List<String> sources = new ArrayList<>(List.of(ingestConfig.sourceId()));
        ingestHttp = IngestHttpServer.tryStart(IngestHttpServer.portFromEnv(env), ingest);
        ingestHttp.ifPresent(started::push);
        if (env.containsKey("SOROBAN_RPC_URL")) {
            StellarIngestConfig stellarConfig = StellarIngestConfig.fromEnv(env);
            started.push(StellarIngestApp.create(stellarConfig, topics, layout).start());
            sources.add(stellarConfig.sourceId());
            log.info("following StellarStream contracts {} at {}", env.get("STELLARSTREAM_CONTRACT_IDS"),
                    RpcUrls.redact(env.get("SOROBAN_RPC_URL")));
        }

        String httpRpc = Arrays.stream(env.get("BASE_RPC_URL").split(",")).map(String::trim)
                .filter(url -> url.startsWith("http")).findFirst().orElse(env.get("BASE_RPC_URL"));
        state = new DevState(httpRpc, env.get("DROPPIO_CONTRACT_ADDRESS"),
                Long.parseLong(env.getOrDefault("EVM_CHAIN_ID", "31337")), env.get("KAFKA_BOOTSTRAP_SERVERS"),
                "http://localhost:" + gateway.port(), doubleTipper,
                firstOf(env.get("STELLARSTREAM_CONTRACT_IDS")), env.get("JWT_SECRET"), sources);
        state.writeTo(stateFile);
    }

    /** The processor's settings need a Droppio contract; its group id does not depend on which. */
    private Map<String, String> withDroppioPlaceholder() {
        Map<String, String> settings = new HashMap<>(env);
        settings.putIfAbsent("DROPPIO_CONTRACT_ADDRESS", "0x0000000000000000000000000000000000000000");
        return settings;
    }

    private static Optional<DevState> readPrevious(Path stateFile) {
        try {
            return DevState.readFrom(stateFile);
        } catch (UncheckedIOException e) {
            log.warn("ignoring the previous dev state: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private static String firstOf(String commaSeparated) {
        return commaSeparated == null ? null : Arrays.stream(commaSeparated.split(",")).map(String::trim)
                .filter(id -> !id.isEmpty()).findFirst().orElse(null);
    }

    public DevState state() {
        return state;
    }

    public Map<String, String> env() {
        return Map.copyOf(env);
    }

    public int gatewayPort() {
        return gateway.port();
    }

    String describe() {
        return DevBanner.text(state, gateway.port(), ingestHttp.map(http -> String.valueOf(http.port())).orElse("-"),
                processorHttp.map(http -> String.valueOf(http.port())).orElse("-"), env.get("FRONTEND_URL"));
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
    }
}
