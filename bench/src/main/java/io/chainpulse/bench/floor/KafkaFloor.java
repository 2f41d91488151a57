package io.chainpulse.bench.floor;

import io.chainpulse.bench.produce.Pacer;
import io.chainpulse.bench.produce.Sent;
import io.chainpulse.bench.report.Histogram;
import io.chainpulse.bench.report.Verdict;
import io.chainpulse.bench.stack.Sleep;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Our own floor: the bare Kafka exactly-once round trip a tip makes, on the broker under test with the services'
 * settings and nothing else. A producer as the bench's raw producer (acks=all, idempotent, linger 1 ms) writes
 * records stamped with their produce time into an input topic; relays as the processor's stream threads (same count,
 * {@code PROCESSOR_THREADS}, default 2) copy them in transactions with {@code sendOffsetsToTransaction}; a
 * read_committed reader as the gateway's records each one's latency. No PostgreSQL, no Avro, no WebSocket.
 */
public final class KafkaFloor implements AutoCloseable {
    private static final int PARTITIONS = 6;
    private static final int PAYLOAD_BYTES = 320; // about a raw TipSent record

    private final KafkaProducer<byte[], byte[]> source;
    private final List<FloorRelay> relays = new ArrayList<>();
    private final FloorSink sink;
    private final String input;
    private long sentTotal;

    /** What one floor window measured. */
    public record FloorWindow(double askedPerSecond, double sentPerSecond, long sent, long received, boolean drained,
            Histogram latency) {
        public void check(Verdict verdict, String step) {
            verdict.requirePace(step, askedPerSecond, sentPerSecond);
            verdict.requireLossless(step, sent, received, 0);
            verdict.requireFigure(step, "latency p50", latency.quantile(0.5));
            verdict.requireFigure(step, "latency p99", latency.quantile(0.99));
        }
    }

    private KafkaFloor(String bootstrapServers, String input, String output, int threads) {
        this.input = input;
        this.source = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.sink = new FloorSink(bootstrapServers, output, PARTITIONS);
        String run = input.substring(input.lastIndexOf('-') + 1);
        for (int thread = 0; thread < threads; thread++) {
            relays.add(new FloorRelay(bootstrapServers, input, output, "floor-" + run, "floor-" + run + "-" + thread));
        }
    }

    public static KafkaFloor start(String bootstrapServers) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String input = "floor-in-" + run;
        String output = "floor-out-" + run;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(input, PARTITIONS, (short) 1), new NewTopic(output, PARTITIONS, (short) 1)))
                    .all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the floor's topics", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        int threads = Integer.parseInt(System.getenv().getOrDefault("PROCESSOR_THREADS", "2"));
        return new KafkaFloor(bootstrapServers, input, output, threads);
    }

    /** Sends at the rate for the duration, then waits up to {@code drainLimit} for every record at the reader. */
    public FloorWindow window(double ratePerSecond, Duration duration, Duration drainLimit) {
        sink.takeLatency();
        long receivedBefore = sink.received();
        Sent sent = send(ratePerSecond, duration);
        long deadline = System.nanoTime() + drainLimit.toNanos();
        while (System.nanoTime() < deadline && sink.received() - receivedBefore < sent.count()) {
            Sleep.millis(50);
        }
        boolean drained = sink.received() - receivedBefore >= sent.count();
        Sleep.millis(500); // anything more would be a repetition
        return new FloorWindow(ratePerSecond, sent.measuredPerSecond(), sent.count(), sink.received() - receivedBefore,
                drained, sink.takeLatency());
    }

    private Sent send(double ratePerSecond, Duration duration) {
        Sent window = Pacer.sendAtRate(ratePerSecond, duration, i -> {
            Instant now = Instant.now();
            ByteBuffer value = ByteBuffer.allocate(PAYLOAD_BYTES).putLong(now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000);
            byte[] key = Long.toString(sentTotal++).getBytes(StandardCharsets.US_ASCII);
            source.send(new ProducerRecord<>(input, key, value.array()));
        });
        source.flush();
        return window;
    }

    @Override
    public void close() {
        relays.forEach(FloorRelay::close);
        sink.close();
        source.close(Duration.ofSeconds(10));
    }
}
