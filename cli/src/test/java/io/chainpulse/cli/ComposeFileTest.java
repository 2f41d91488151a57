package io.chainpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chainpulse.gateway.GatewayConfig;
import io.chainpulse.ingest.IngestConfig;
import io.chainpulse.ingest.http.IngestHttpServer;
import io.chainpulse.ingest.stellar.StellarIngestConfig;
import io.chainpulse.localstack.RepoRoot;
import io.chainpulse.processor.ProcessorConfig;
import io.chainpulse.processor.http.ProcessorHttpServer;
import io.chainpulse.schemas.TopicLayout;
import io.chainpulse.store.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ContractUtils;
import picocli.CommandLine;

/** No Docker engine runs here, so docker-compose.yml is checked by reading it against the apps' own settings code. */
class ComposeFileTest {
    private static final List<String> APPS = List.of("ingest", "processor", "gateway");
    private static final List<String> BROKERS = List.of("kafka-1", "kafka-2", "kafka-3");
    private static final Path ROOT = RepoRoot.find();
    private static final JsonNode COMPOSE = read(ROOT.resolve("docker-compose.yml"));

    private static JsonNode read(Path file) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> env(String service) {
        Map<String, String> env = new TreeMap<>();
        COMPOSE.at("/services/" + service + "/environment").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    /** Every upper-case setting name the apps' main code and logback config read. */
    private static Set<String> settingsTheAppsRead() throws IOException {
        Set<String> names = new HashSet<>();
        Pattern literal = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"");
        Pattern placeholder = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]+)");
        for (String module : List.of("schemas", "store", "ingest", "processor", "push-gateway", "cli")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String text = Files.readString(file);
                    Matcher matcher = (file.toString().endsWith(".java") ? literal : placeholder).matcher(text);
                    while (matcher.find()) {
                        names.add(matcher.group(1));
                    }
                }
            }
        }
        return names;
    }

    @Test
    void shouldGiveTheAppsOnlySettingsTheyRead() throws IOException {
        Set<String> known = settingsTheAppsRead();

        for (String app : APPS) {
            assertThat(env(app).keySet()).as("settings of %s", app).isSubsetOf(known);
        }
    }

    @Test
    void shouldStartEachAppWithSettingsItAccepts() {
        IngestConfig ingest = IngestConfig.fromEnv(env("ingest"));
        ProcessorConfig processor = ProcessorConfig.fromEnv(env("processor"));
        GatewayConfig gateway = GatewayConfig.fromEnv(env("gateway"));

        assertThat(ingest.topicPrefix()).isEqualTo(processor.topicPrefix()).isEqualTo(gateway.topicPrefix());
        assertThat(ingest.kafkaBootstrapServers()).isEqualTo(processor.kafkaBootstrapServers())
                .isEqualTo(gateway.kafkaBootstrapServers());
        assertThat(processor.contracts()).containsExactly(ingest.contractAddress());
        for (String app : APPS) {
            assertThat(TopicLayout.fromEnv(env(app))).as("topic layout of %s", app).isEqualTo(new TopicLayout(6, (short) 3, 2));
            assertThat(DatabaseSettings.fromEnv(env(app)).jdbcUrl()).startsWith("jdbc:postgresql://postgres:5432/chainpulse");
            assertThat(env(app)).containsEntry("EVM_CHAIN_ID", "31337");
        }
    }

    @Test
    void shouldPublishEachAppOnThePortItListensOn() {
        assertThat(ports("gateway")).containsExactly(GatewayConfig.fromEnv(env("gateway")).port() + ":" + GatewayConfig.fromEnv(env("gateway")).port());
        int ingestPort = IngestHttpServer.portFromEnv(env("ingest"));
        int processorPort = ProcessorHttpServer.portFromEnv(env("processor"));
        assertThat(ports("ingest")).containsExactly(ingestPort + ":" + ingestPort);
        assertThat(ports("processor")).containsExactly(processorPort + ":" + processorPort);
    }

    @Test
    void shouldRunThreeBrokersWithReplicationThreeAndMinIsrTwo() {
        Set<String> nodeIds = new HashSet<>();
        Map<String, String> internalListeners = new LinkedHashMap<>();
        for (String broker : BROKERS) {
            Map<String, String> env = env(broker);
            assertThat(COMPOSE.at("/services/" + broker + "/image").asText()).startsWith("apache/kafka:");
            assertThat(env).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                    .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                    .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
                    .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                    .containsEntry("CLUSTER_ID", env(BROKERS.get(0)).get("CLUSTER_ID"))
                    .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
            nodeIds.add(env.get("KAFKA_NODE_ID"));
            Arrays.stream(env.get("KAFKA_ADVERTISED_LISTENERS").split(",")).filter(l -> l.startsWith("INTERNAL://"))
                    .forEach(l -> internalListeners.put(broker, l.substring("INTERNAL://".length())));
        }

        assertThat(nodeIds).containsExactlyInAnyOrder("1", "2", "3");
        assertThat(internalListeners.values()).containsExactly("kafka-1:9092", "kafka-2:9092", "kafka-3:9092");
        assertThat(env("ingest").get("KAFKA_BOOTSTRAP_SERVERS").split(","))
                .containsExactlyInAnyOrderElementsOf(internalListeners.values());
    }

    @Test
    void shouldRunTheAppsAsCliCommandsAndPointThemAtTheContractTheDeployStepCreates() throws IOException {
        Set<String> commands = new CommandLine(new ChainpulseCli()).getSubcommands().keySet();
        String deployer = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

        for (String app : APPS) {
            assertThat(COMPOSE.at("/services/" + app + "/build").asText()).isEqualTo(".");
            assertThat(commands).contains(COMPOSE.at("/services/" + app + "/command/0").asText());
        }
        assertThat(env("ingest").get("DROPPIO_CONTRACT_ADDRESS"))
                .isEqualTo(ContractUtils.generateContractAddress(deployer, BigInteger.ZERO));
        assertThat(Files.readString(ROOT.resolve("scripts/deploy-dev-contract.mjs"))).contains(deployer);
        assertThat(Files.readString(ROOT.resolve("Dockerfile"))).contains("./mvnw").contains("io.chainpulse.cli.ChainpulseCli");
    }

    @Test
    void shouldRunSorobanIngestOnlyWhenAskedForWithTheSameKafkaAsTheOtherApps() throws IOException {
        Map<String, String> env = withComposeDefaults(env("stellar-ingest"));
        env.put("STELLARSTREAM_CONTRACT_IDS", "CDLZFC3SYJYDZT7K67VZ75HPJVIEUVNIXF47ZG2FB2RMQQVU2HHGCYSC");

        StellarIngestConfig config = StellarIngestConfig.fromEnv(env);

        assertThat(COMPOSE.at("/services/stellar-ingest/profiles/0").asText()).isEqualTo("stellar");
        assertThat(new CommandLine(new ChainpulseCli()).getSubcommands())
                .containsKey(COMPOSE.at("/services/stellar-ingest/command/0").asText());
        assertThat(env("stellar-ingest").keySet()).isSubsetOf(settingsTheAppsRead());
        assertThat(config.kafka()).isEqualTo(IngestConfig.fromEnv(env("ingest")).kafka());
        assertThat(config.rpcUrls()).containsExactly("https://soroban-testnet.stellar.org");
        assertThat(ports("stellar-ingest")).containsExactly(config.httpPort() + ":" + config.httpPort());
    }

    /** {@code ${NAME:-default}} as docker compose reads it when NAME is not set. */
    private static Map<String, String> withComposeDefaults(Map<String, String> env) {
        Map<String, String> resolved = new TreeMap<>();
        env.forEach((name, value) -> resolved.put(name, value.replaceAll("\\$\\{[A-Z0-9_]+:-([^}]*)}", "$1")));
        return resolved;
    }

    private static List<String> ports(String service) {
        return COMPOSE.at("/services/" + service + "/ports").valueStream().map(JsonNode::asText).toList();
    }
}
