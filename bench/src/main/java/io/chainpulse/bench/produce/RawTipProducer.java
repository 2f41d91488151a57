package io.chainpulse.bench.produce;

import io.chainpulse.bench.stack.BenchStack;
import io.chainpulse.produce.TestEventFactory;
import io.chainpulse.schemas.Topics;
import io.chainpulse.schemas.raw.RawChainEvent;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes raw TipSent records into the raw topic with the CLI's {@link TestEventFactory} (exactly as ingest would),
 * round-robin over the given creator wallets, each stamped with its produce time ({@link ProduceClock}).
 * One thread at a time.
 */
public final class RawTipProducer implements AutoCloseable {
    private static final String TIPPER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final BigInteger AMOUNT_WEI = BigInteger.TEN.pow(16);

    private final KafkaProducer<String, RawChainEvent> producer;
    private final Topics topics;
    private final TestEventFactory factory = new TestEventFactory(BenchStack.CHAIN_ID, BenchStack.CONTRACT);
    private final List<String> wallets;
    private final SendCounter counter = new SendCounter();
    private long sent;

    public RawTipProducer(String bootstrapServers, Topics topics, List<String> wallets) {
        this.topics = topics;
        this.wallets = List.copyOf(wallets);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                // as ingest: acks=all + idempotence; linger 1 ms keeps batching from adding to the latency measured
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1),
                new StringSerializer(), topics.raw().valueSerde().serializer());
    }

    /** Sends at {@code ratePerSecond} for {@code duration}; the count and the time until the last was acknowledged. */
    public Sent sendAtRate(double ratePerSecond, Duration duration) {
        Sent window = Pacer.sendAtRate(ratePerSecond, duration, i -> sendOne());
        producer.flush();
        return window;
    }

    /** Sends {@code count} as fast as the producer takes them (asked rate 0: no pacing). */
    public Sent sendBurst(long count) {
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            sendOne();
        }
        producer.flush();
        return new Sent(count, 0, System.nanoTime() - start);
    }

    private void sendOne() {
        String wallet = wallets.get((int) (sent++ % wallets.size()));
        RawChainEvent event = factory.tip(TIPPER, wallet, AMOUNT_WEI, ProduceClock.sessionIdNow());
        producer.send(TestEventFactory.record(topics, event), counter.callback());
    }

    public long sent() {
        return sent;
    }

    public SendCounter counter() {
        return counter;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
