package io.chainpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainpulse.localstack.KafkaCluster;
import io.chainpulse.processor.stellar.StreamAction;
import io.chainpulse.processor.stellar.StreamEventDecoder;
import io.chainpulse.processor.stellar.StreamEventDecoder.Decoding;
import io.chainpulse.testevents.StellarTestEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** {@code produce stream|withdrawal|cancellation} as the CLI runs them, against a real KRaft broker. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ProduceStellarIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTRACT = "CDLZFC3SYJYDZT7K67VZ75HPJVIEUVNIXF47ZG2FB2RMQQVU2HHGCYSC";
    private static KafkaCluster kafka;

    @BeforeAll
    static void startBroker() {
        kafka = KafkaCluster.startSingle();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private record Run(int exit, String out) {}

    private static Run run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new ChainpulseCli()).execute(args);
            return new Run(exit, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void shouldWriteTheOriginalsTestStreamAsTestEventsTheProcessorDecodes() {
        String prefix = "cli" + UUID.randomUUID().toString().substring(0, 8);
        String servers = "--bootstrap-servers=" + kafka.bootstrapServers();
        String[] common = {servers, "--topic-prefix=" + prefix, "--stellar-contract=" + CONTRACT,
                "--stream-id=test-stream-123"};
        assertThat(run("topics", "create", servers, "--topic-prefix=" + prefix).exit()).isZero();

        Run stream = run(concat(new String[] {"produce", "stream"}, common));
        Run withdrawal = run(concat(new String[] {"produce", "withdrawal", "--units=500000000"}, common));
        Run cancellation = run(concat(new String[] {"produce", "cancellation", "--to-receiver=750000000",
                "--to-sender=250000000"}, common));
        List<JsonNode> records = run("consume", "raw", servers, "--topic-prefix=" + prefix, "--from-beginning",
                "--to-end").out().lines().map(ProduceStellarIT::parse).toList();

        assertThat(stream.exit()).isZero();
        assertThat(stream.out()).contains("stream of stream test-stream-123 written to " + prefix + ".raw-chain-events");
        assertThat(withdrawal.exit()).isZero();
        assertThat(cancellation.exit()).isZero();
        assertThat(records).hasSize(3).allSatisfy(record -> {
            assertThat(record.at("/value/origin").asText()).isEqualTo("TEST");
            assertThat(record.at("/value/chain").asText()).isEqualTo("STELLAR");
            assertThat(record.at("/value/contractAddress").asText()).isEqualTo(CONTRACT);
            assertThat(record.get("key").asText()).isEqualTo("stellar:" + StellarTestEvents.networkId(
                    "Test SDF Network ; September 2015") + ":" + record.at("/value/eventId").asText());
        });
        List<StreamAction> actions = records.stream().map(ProduceStellarIT::decoded).toList();
        assertThat(actions).filteredOn(StreamAction.Created.class::isInstance).singleElement()
                .isInstanceOfSatisfying(StreamAction.Created.class, created -> {
                    assertThat(created.streamId()).isEqualTo("test-stream-123");
                    assertThat(created.sender()).isEqualTo("GDSENDER...");
                    assertThat(created.receiver()).isEqualTo("GDRECEIVER...");
                    assertThat(created.total()).isEqualTo(new BigInteger("1000000000"));
                });
        assertThat(actions).contains(
                new StreamAction.Claimed(2, "test-stream-123", "GDRECEIVER...", new BigInteger("500000000"),
                        new BigInteger("500000000")),
                new StreamAction.Canceled(2, "test-stream-123", "GDSENDER...", new BigInteger("750000000"),
                        new BigInteger("250000000")));
    }

    @Test
    void shouldRefuseAWithdrawalWithoutAStreamId() {
        Run refused = run("produce", "withdrawal", "--bootstrap-servers=" + kafka.bootstrapServers(),
                "--stellar-contract=" + CONTRACT);

        assertThat(refused.exit()).isNotZero();
    }

    private static StreamAction decoded(JsonNode record) {
        List<String> topics = StreamSupport.stream(record.at("/value/topics").spliterator(), false)
                .map(JsonNode::asText).toList();
        Decoding decoding = StreamEventDecoder.forTestEvents().decode(topics, record.at("/value/data").asText());
        assertThat(decoding).isInstanceOf(Decoding.Decoded.class);
        return ((Decoding.Decoded) decoding).action();
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + line, e);
        }
    }
}
