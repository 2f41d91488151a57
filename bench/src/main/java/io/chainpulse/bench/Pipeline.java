package io.chainpulse.bench;

import io.chainpulse.bench.load.LoadGenerators;
import io.chainpulse.bench.load.LoadStats;
import io.chainpulse.bench.load.LoadGenerators.ClientSpec;
import io.chainpulse.bench.load.LoadGenerators.Second;
import io.chainpulse.bench.produce.RawTipProducer;
import io.chainpulse.bench.produce.Sent;
import io.chainpulse.bench.report.Histogram;
import io.chainpulse.bench.report.Verdict;
import io.chainpulse.bench.stack.BenchStack;
import io.chainpulse.bench.stack.Creators;
import io.chainpulse.bench.stack.Creators.BenchCreator;
import io.chainpulse.bench.stack.CpuMeter;
import io.chainpulse.bench.stack.Profiler;
import java.nio.file.Path;
import io.chainpulse.bench.stack.ServiceProcess;
import io.chainpulse.bench.stack.Sleep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline under load: raw tips produced into the raw topic (this JVM), the processor and the gateway in
 * their own JVMs, WebSocket clients in Node load generators. A window sends at a fixed rate, then waits for every
 * frame, and reports what arrived, how late, and the CPU each part used.
 */
final class Pipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    private final BenchStack stack;
    private final ServiceProcess processor;
    private final ServiceProcess gateway;
    private final LoadGenerators load;
    private final RawTipProducer producer;
    private final int clientsPerCreator;

    /**
     * What one window measured: the rate asked for (0 for a burst), the rate sent (events ÷ the time the sending
     * took), the end-to-end rate (events ÷ first send to last frame) and frames ÷ the time they arrived in.
     */
    record Window(double askedPerSecond, double sentPerSecond, double endToEndPerSecond, double arrivalPerSecond,
            long sent, long expectedFrames, long frames, long duplicates, long rows,
            double drainSeconds, boolean drained, Histogram latency, List<double[]> p50, List<double[]> p99,
            List<double[]> p999, List<double[]> framesPerSecond, Map<String, Double> cpuCores, double maxLoadgenCores) {
        boolean lossless() {
            return drained && frames == expectedFrames && duplicates == 0 && rows == sent;
        }

        boolean keptPace() {
            return askedPerSecond == 0 || sentPerSecond >= Verdict.PACE * askedPerSecond;
        }

        /** Lost or repeated rows and frames, a sender that fell behind, and latency that was never recorded fail. */
        void check(Verdict verdict, String step) {
            verdict.requireLossless(step + " (rows)", sent, rows, 0);
            verdict.requireLossless(step + " (frames)", expectedFrames, frames, duplicates);
            if (askedPerSecond > 0) {
                verdict.requirePace(step, askedPerSecond, sentPerSecond);
            }
            verdict.requireFigure(step, "latency p50", latency.quantile(0.5));
            verdict.requireFigure(step, "latency p99", latency.quantile(0.99));
            verdict.requireFigure(step, "frames/s at arrival", arrivalPerSecond);
        }
    }

    private Pipeline(BenchStack stack, ServiceProcess processor, ServiceProcess gateway, LoadGenerators load,
            RawTipProducer producer, int clientsPerCreator) {
        this.stack = stack;
        this.processor = processor;
        this.gateway = gateway;
        this.load = load;
        this.producer = producer;
        this.clientsPerCreator = clientsPerCreator;
    }

    static Pipeline start(BenchOptions options, int creatorCount, int clientsPerCreator, int loadgens) {
        BenchStack stack = BenchStack.start(options.workDir);
        try {
            List<BenchCreator> creators = Creators.register(stack.database(), creatorCount);
            ServiceProcess processor = stack.startProcessor(ServiceProcess.DEFAULT_JVM_OPTIONS);
            int port = BenchStack.freePort();
            ServiceProcess gateway = stack.startGateway(port, options.gatewayJvmOptions(), Map.of());
            List<ClientSpec> clients = new ArrayList<>();
            for (int copy = 0; copy < clientsPerCreator; copy++) {
                creators.forEach(creator -> clients.add(new ClientSpec(creator.creatorId().toString(), creator.token())));
            }
            LoadGenerators load = LoadGenerators.start("ws://127.0.0.1:" + port, clients, loadgens, 256, options.workDir);
            long open = load.awaitConnected(Duration.ofMinutes(5));
            log.info("pipeline ready: {} creators, {} sockets open", creatorCount, open);
            RawTipProducer producer = new RawTipProducer(stack.bootstrapServers(), stack.topics(),
                    creators.stream().map(BenchCreator::wallet).toList());
            return new Pipeline(stack, processor, gateway, load, producer, clientsPerCreator);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** Sends at the rate without measuring (JIT, caches, connections). */
    void warmUp(double ratePerSecond, Duration duration) {
        load.reset();
        long sentBefore = producer.sent();
        producer.sendAtRate(ratePerSecond, duration);
        awaitFrames((producer.sent() - sentBefore) * clientsPerCreator, Duration.ofSeconds(60), true);
        load.awaitQuiet(Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    /** Sends {@code count} as fast as possible and measures until every frame arrived (or {@code drainLimit}). */
    Window burst(long count, Duration drainLimit) {
        return measure(() -> producer.sendBurst(count), drainLimit);
    }

    /** Sends at {@code ratePerSecond} for {@code duration}, then waits up to {@code drainLimit} for the rest. */
    Window window(double ratePerSecond, Duration duration, Duration drainLimit) {
        return measure(() -> producer.sendAtRate(ratePerSecond, duration), drainLimit);
    }

    /** Profiles the processor and the gateway during the next window, summaries written as {@code <prefix>-profile-*.txt}. */
    void profileNext(Path out, String prefix, String heading) {
        this.profileOut = out;
        this.profilePrefix = prefix;
        this.profileHeading = heading;
    }

    private Path profileOut;
    private String profilePrefix;
    private String profileHeading;

    private Window measure(Supplier<Sent> send, Duration drainLimit) {
        load.reset();
        Profiler processorProfile = null;
        Profiler gatewayProfile = null;
        if (profileOut != null) {
            processorProfile = Profiler.start(processor, stack.workDir());
            gatewayProfile = Profiler.start(gateway, stack.workDir());
        }
        long rowsBefore = rows();
        CpuMeter cpu = CpuMeter.start(Map.of("processor", List.of(processor.pid()), "gateway", List.of(gateway.pid()),
                "broker", stack.brokerProcess().map(handle -> List.of(handle.pid())).orElse(List.of()),
                "postgres", List.of(), "producer (bench JVM)", List.of(ProcessHandle.current().pid()),
                "loadgens", load.pids()));
        long start = System.currentTimeMillis();
        Sent sending = send.get();
        long sendEnd = System.currentTimeMillis();
        long sent = sending.count();
        long expected = sent * clientsPerCreator;
        boolean drained = awaitFrames(expected, drainLimit, false);
        long end = System.currentTimeMillis();
        Map<String, Double> cores = cpu.cores();
        if (processorProfile != null) {
            processorProfile.stopInto(profileOut.resolve(profilePrefix + "-profile-processor.txt"), profileHeading);
            gatewayProfile.stopInto(profileOut.resolve(profilePrefix + "-profile-gateway.txt"), profileHeading);
            profileOut = null;
        }
        Sleep.millis(1500);
        LoadStats stats = load.stats();
        long rows = rows() - rowsBefore;
        // the window's quantiles from every frame since the reset; the per-second series only feed the charts
        Histogram all = load.latencySinceReset();
        List<double[]> p50 = new ArrayList<>(), p99 = new ArrayList<>(), p999 = new ArrayList<>(), fps = new ArrayList<>();
        double maxLoadgen = 0;
        for (Map.Entry<Long, Second> entry : load.seconds(start, end + 1000)) {
            Second second = entry.getValue();
            double t = entry.getKey() - start / 1000.0;
            p50.add(new double[] {t, second.latency.quantile(0.5)});
            p99.add(new double[] {t, second.latency.quantile(0.99)});
            p999.add(new double[] {t, second.latency.quantile(0.999)});
            fps.add(new double[] {t, second.frames});
            maxLoadgen = Math.max(maxLoadgen, second.maxProcessCpuCores);
        }
        double endToEnd = Double.isNaN(stats.lastFrameMillis()) ? Double.NaN
                : sent / Math.max(0.001, (stats.lastFrameMillis() - start) / 1000.0);
        Window window = new Window(sending.askedPerSecond(), sending.measuredPerSecond(), endToEnd,
                stats.arrivalRatePerSecond(), sent, expected,
                stats.framesTotal(), stats.duplicates(), rows, (end - sendEnd) / 1000.0, drained, all, p50, p99, p999,
                fps, cores, maxLoadgen);
        log.info("window asked {}/s, sent {}/s: sent {}, frames {}/{}, rows {}, drained {} in {} s, p50 {} p99 {} p99.9 {} ms, cpu {}",
                Math.round(window.askedPerSecond()), Math.round(window.sentPerSecond()), sent, stats.framesTotal(), expected, rows, drained,
                window.drainSeconds(), all.quantile(0.5), all.quantile(0.99), all.quantile(0.999), cores);
        return window;
    }

    private boolean awaitFrames(long expected, Duration limit, boolean quiet) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (load.stats().framesTotal() >= expected) {
                return true;
            }
            Sleep.millis(100);
        }
        if (!quiet) {
            log.warn("not every frame arrived within {}", limit);
        }
        return false;
    }

    long rows() {
        return stack.database().jdbi().withHandle(handle -> handle.createQuery("SELECT count(*) FROM tips")
                .mapTo(Long.class).one());
    }

    String bootstrapServers() {
        return stack.bootstrapServers();
    }

    ServiceProcess processor() {
        return processor;
    }

    ServiceProcess gateway() {
        return gateway;
    }

    static Map<String, Object> summary(Window window) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("askedPerSecond", window.askedPerSecond());
        summary.put("sentPerSecond", window.sentPerSecond());
        summary.put("endToEndPerSecond", window.endToEndPerSecond());
        summary.put("framesArrivalPerSecond", window.arrivalPerSecond());
        summary.put("sent", window.sent());
        summary.put("rows", window.rows());
        summary.put("expectedFrames", window.expectedFrames());
        summary.put("frames", window.frames());
        summary.put("duplicates", window.duplicates());
        summary.put("drained", window.drained());
        summary.put("drainSeconds", window.drainSeconds());
        summary.put("p50Ms", window.latency().quantile(0.5));
        summary.put("p99Ms", window.latency().quantile(0.99));
        summary.put("p999Ms", window.latency().quantile(0.999));
        summary.put("maxMs", window.latency().max());
        summary.put("cpuCores", window.cpuCores());
        summary.put("maxLoadgenProcessCores", window.maxLoadgenCores());
        return summary;
    }

    @Override
    public void close() {
        producer.close();
        load.close();
        gateway.close();
        stack.close();
    }
}
