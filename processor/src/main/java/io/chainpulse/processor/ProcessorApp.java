package io.chainpulse.processor;

import io.chainpulse.processor.persist.TipLedger;
import io.chainpulse.processor.stellar.StreamEventHandler;
import io.chainpulse.processor.stellar.StreamLedger;
import io.chainpulse.processor.stellar.StreamMetrics;
import io.chainpulse.processor.topology.PipelineTopology;
import io.chainpulse.processor.topology.ProcessorMetrics;
import io.chainpulse.schemas.TopicLayout;
import io.chainpulse.schemas.Topics;
import io.chainpulse.store.Database;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The processor service: the pipeline topology on Kafka Streams with exactly-once processing. */
public final class ProcessorApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProcessorApp.class);

    private final KafkaStreams streams;
    private final PrometheusMeterRegistry registry;
    private final ProcessorMetrics metrics;

    private ProcessorApp(KafkaStreams streams, PrometheusMeterRegistry registry, ProcessorMetrics metrics) {
        this.streams = streams;
        this.registry = registry;
        this.metrics = metrics;
    }

    public static ProcessorApp create(ProcessorConfig config, Topics topics, TopicLayout layout, Database database) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers()))) {
            layout.ensureTopics(admin, topics);
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ProcessorMetrics metrics = new ProcessorMetrics(registry);
        var streamHandler = new StreamEventHandler(config.stellarContracts(), new StreamLedger(database.jdbi()),
                new StreamMetrics(registry));
        var topology = PipelineTopology.build(config, topics, new TipLedger(database.jdbi()), streamHandler, metrics);
        KafkaStreams streams = new KafkaStreams(topology, streamsProperties(config, layout));
        streams.setUncaughtExceptionHandler(failure -> {
            log.error("stream thread failed; replacing it (work resumes from the last committed transaction)", failure);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> log.info("processor state {} -> {}", before, now));
        return new ProcessorApp(streams, registry, metrics);
    }

    static Properties streamsProperties(ProcessorConfig config, TopicLayout layout) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers());
        // exactly_once_v2 covers the output topics and the dedupe store; PostgreSQL relies on ON CONFLICT
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) layout.replicationFactor());
        // output becomes visible to read_committed readers at commit; while the processor keeps up it asks for a
        // commit as soon as it published (FlushPolicy), so the interval only paces commits while it catches up
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitIntervalMs());
        // tips are written in batches flushed every few milliseconds; a short poll keeps that flush on time when idle
        props.put(StreamsConfig.POLL_MS_CONFIG, 5L);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // a PostgreSQL outage blocks processing while it retries; allow it without leaving the group
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG), (int) Duration.ofMinutes(10).toMillis());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 2000);
        // a SIGKILLed processor's partitions move to a live one after 10 s instead of the 45 s default
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 3_000);
        // output becomes visible only when the transaction commits, and a commit flushes the producer: a few
        // milliseconds of linger send a batch's records in a few requests instead of one per record, without making
        // them visible any later, and still send a backlog's records while the thread goes on (a longer linger left
        // them all to the commit, which then waited for one large request: a quarter of a catching-up thread's time)
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        // read ahead: at the default 1,000 buffered records a partition is paused and a catching-up thread spent a
        // third of its time waiting for the next fetch
        props.put(StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG, 10_000);
        return props;
    }

    public ProcessorApp start() {
        streams.start();
        return this;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public ProcessorMetrics metrics() {
        return metrics;
    }

    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        registry.close();
    }
}
