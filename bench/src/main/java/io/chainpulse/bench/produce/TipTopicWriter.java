package io.chainpulse.bench.produce;

import io.chainpulse.bench.stack.Creators.BenchCreator;
import io.chainpulse.schemas.Topics;
import io.chainpulse.schemas.tip.TipEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes TipEvents straight into the per-creator tips topic, as the processor would after persisting them: for
 * benchmarks of the push gateway alone (fan-out, reconnect), at rates the processor does not reach.
 * One thread at a time.
 */
public final class TipTopicWriter implements AutoCloseable {
    private final KafkaProducer<String, TipEvent> producer;
    private final Topics topics;
    private final List<BenchCreator> creators;
    private final SendCounter counter = new SendCounter();
    private long sent;

    public TipTopicWriter(String bootstrapServers, Topics topics, List<BenchCreator> creators) {
        this.topics = topics;
        this.creators = List.copyOf(creators);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2),
                new StringSerializer(), topics.tips().valueSerde().serializer());
    }

    /**
     * Round-robin over the creators at {@code ratePerSecond} for {@code duration}; the count and the time until the
     * last was acknowledged.
     */
    public Sent sendAtRate(double ratePerSecond, Duration duration) {
        Sent window = Pacer.sendAtRate(ratePerSecond, duration,
                i -> sendOne(creators.get((int) (sent % creators.size()))));
        producer.flush();
        return window;
    }

    /** {@code perCreator} events for every creator, as fast as the producer takes them. */
    public void sendToEach(int perCreator) {
        for (int round = 0; round < perCreator; round++) {
            for (BenchCreator creator : creators) {
                sendOne(creator);
            }
        }
        producer.flush();
    }

    private void sendOne(BenchCreator creator) {
        long n = sent++;
        TipEvent event = TipEvent.newBuilder()
                .setType("TIP_SENT")
                .setCreatorId(creator.creatorId().toString())
                .setCreatorWallet(creator.wallet())
                .setTipperAddress("0x70997970c51812dc3a010c7d01b50e0d17dc79c8")
                .setAmountWei("10000000000000000")
                .setAmountEth("0.01")
                .setChainId("31337")
                .setTxHash(txHash(n))
                .setLogIndex(0)
                .setBlockNumber(n)
                .setBlockTimestamp(System.currentTimeMillis())
                .setSessionId(ProduceClock.sessionIdNow())
                .setTipMode("offline")
                .setProcessedAt(System.currentTimeMillis())
                .build();
        producer.send(new ProducerRecord<>(topics.tips().name(), event.getCreatorId(), event), counter.callback());
    }

    // "0x" and 64 hex digits; String.format parses its pattern on every call, 20,000 times a second here
    private static String txHash(long n) {
        String hex = Long.toHexString(n);
        return "0x" + "0".repeat(64 - hex.length()) + hex;
    }

    public SendCounter counter() {
        return counter;
    }

    public long sent() {
        return sent;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
