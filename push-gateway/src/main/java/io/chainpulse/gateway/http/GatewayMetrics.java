package io.chainpulse.gateway.http;

import io.chainpulse.gateway.feed.LiveConsumer;
import io.chainpulse.gateway.replay.ReplayEvents;
import io.chainpulse.gateway.session.ChannelKind;
import io.chainpulse.gateway.session.Channels;
import io.chainpulse.gateway.session.ClientSession;
import io.chainpulse.gateway.session.SessionEvents;
import io.chainpulse.gateway.session.SessionRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * The gateway's Prometheus metrics: connections by channel, messages sent, replays by source and outcome, Kafka
 * catch-up scans, refusals by close code, slow-consumer closes, and consumer lag per partition. Thread-safe.
 */
public final class GatewayMetrics implements SessionEvents {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<ChannelKind, Counter> sent = new EnumMap<>(ChannelKind.class);
    private final Counter slowConsumerCloses;
    private final LiveConsumer consumer;
    private final Set<TopicPartition> lagGauges = ConcurrentHashMap.newKeySet();

    public GatewayMetrics(SessionRegistry sessions, LiveConsumer consumer) {
        this.consumer = consumer;
        for (ChannelKind kind : ChannelKind.values()) {
            Gauge.builder("gateway_connections", sessions,
                            all -> all.sessions().stream().filter(session -> session.kind() == kind).count())
                    .description("open sockets by channel kind").tag("channel", kind.label()).register(registry);
            sent.put(kind, Counter.builder("gateway_messages_sent").description("frames written to sockets")
                    .tag("channel", kind.label()).register(registry));
        }
        slowConsumerCloses = Counter.builder("gateway_slow_consumer_closes")
                .description("sockets closed with 1013 because their outbound queue overflowed").register(registry);
    }

    @Override
    public void sent(ClientSession session) {
        sent.get(session.kind()).increment();
    }

    @Override
    public void overflowed(ClientSession session) {
        slowConsumerCloses.increment();
    }

    /** {@code gateway_channels}: the channels (creators, addresses) {@code all} hold in memory. */
    public void channels(List<Channels<?>> all) {
        // a gauge holds its object weakly by default, and nothing else holds this list
        Gauge.builder("gateway_channels", all, held -> held.stream().mapToLong(Channels::size).sum())
                .description("channels (creators, addresses) held in memory").strongReference(true).register(registry);
    }

    void replay(String source, String outcome) {
        registry.counter("gateway_replays", "source", source, "outcome", outcome).increment();
    }

    /**
     * Where the replays of one feed report: outcomes as {@code gateway_replays} (sources prefixed with
     * {@code sourcePrefix}), and the shared Kafka catch-up scans' progress tagged with {@code feed}.
     */
    public ReplayEvents replayEvents(String feed, String sourcePrefix) {
        AtomicLong waiting = new AtomicLong();
        Gauge.builder("gateway_replay_scan_waiting", waiting, AtomicLong::get)
                .description("clients waiting for, or being served by, a Kafka catch-up scan").tag("feed", feed)
                .register(registry);
        Counter scans = Counter.builder("gateway_replay_scans")
                .description("passes of shared Kafka catch-up scans (one pass reads a partition once for many clients)")
                .tag("feed", feed).register(registry);
        Counter scanClients = Counter.builder("gateway_replay_scan_clients")
                .description("clients served by Kafka catch-up scans").tag("feed", feed).register(registry);
        Counter scanned = Counter.builder("gateway_replay_scanned_records")
                .description("records read by Kafka catch-up scans").tag("feed", feed).register(registry);
        return new ReplayEvents() {
            @Override
            public void replayed(String source, String outcome) {
                replay(sourcePrefix + source, outcome);
            }

            @Override
            public void waiting(int delta) {
                waiting.addAndGet(delta);
            }

            @Override
            public void scanStarted(int clients) {
                scans.increment();
                scanClients.increment(clients);
            }

            @Override
            public void joinedRunningScan() {
                scanClients.increment();
            }

            @Override
            public void scanned(int records) {
                scanned.increment(records);
            }
        };
    }

    @Override
    public void refused(int closeCode) {
        registry.counter("gateway_refused_connections", "code", String.valueOf(closeCode)).increment();
    }

    /** The Prometheus text exposition of every metric. */
    String scrape() {
        for (TopicPartition partition : consumer.lag().keySet()) {
            if (lagGauges.add(partition)) {
                Gauge.builder("gateway_consumer_lag", consumer, c -> c.lag().getOrDefault(partition, 0L))
                        .description("records behind the end of the topic partition")
                        .tag("topic", partition.topic())
                        .tag("partition", String.valueOf(partition.partition())).register(registry);
            }
        }
        return registry.scrape();
    }
}
