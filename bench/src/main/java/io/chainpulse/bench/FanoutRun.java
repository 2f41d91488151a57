package io.chainpulse.bench;

import io.chainpulse.bench.load.LoadGenerators;
import io.chainpulse.bench.load.LoadGenerators.Second;
import io.chainpulse.bench.load.LoadStats;
import io.chainpulse.bench.produce.Sent;
import io.chainpulse.bench.report.Histogram;
import io.chainpulse.bench.report.Verdict;
import io.chainpulse.bench.stack.CpuMeter;
import io.chainpulse.bench.stack.Profiler;
import io.chainpulse.bench.stack.ServiceProcess;
import io.chainpulse.bench.stack.Sleep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fan-out steps on each server in turn, one after the other in one command: a warm-up, then each rate until a
 * step does not keep up; every run of a step is checked for loss, repetition, closed sockets and missing figures.
 */
final class FanoutRun {
    private static final Logger log = LoggerFactory.getLogger(FanoutRun.class);

    private static final int WARM_UP_RATE = 3_000;

    private final BenchOptions options;
    private final String name;
    private final Verdict verdict;
    private final String unit;

    /** @param unit what a server fans out, plural: tips, stream events */
    FanoutRun(BenchOptions options, String name, Verdict verdict, String unit) {
        this.options = options;
        this.name = name;
        this.verdict = verdict;
        this.unit = unit;
    }

    /** The median step of each rate per server, in the order run; the servers' RSS per socket into rssPerSocket. */
    Map<String, Map<Integer, FanoutStep>> run(List<String> servers, Function<String, FanoutTarget> start,
            List<Integer> steps, int window, Map<String, Double> rssPerSocket) {
        Map<String, Map<Integer, FanoutStep>> byServer = new LinkedHashMap<>();
        for (String server : servers) {
            try (FanoutTarget target = start.apply(server)) {
                rssPerSocket.put(server, target.rssPerSocketKb());
                verdict.requireFigure(server, "RSS per socket", target.rssPerSocketKb());
                // JIT warm-up of the servers, the load generators and this producer, unmeasured
                // at most the highest rate asked: a warm-up the server cannot keep up with would only build a backlog
                int warmUpRate = Math.min(options.smoke ? 500 : WARM_UP_RATE, Collections.max(steps));
                target.sendAtRate(warmUpRate, Duration.ofSeconds(options.smoke ? 1 : 30));
                target.load().awaitQuiet(Duration.ofSeconds(1), Duration.ofSeconds(60));
                Map<Integer, FanoutStep> results = new LinkedHashMap<>();
                for (int rate : steps) {
                    List<FanoutStep> runs = new ArrayList<>();
                    for (int run = 0; run < options.runs(); run++) {
                        FanoutStep result = step(target, rate, window);
                        result.check(verdict, server + " at " + rate + " " + unit + "/s, run " + (run + 1),
                                target.paceIsOurs());
                        runs.add(result);
                    }
                    results.put(rate, FanoutStep.median(runs));
                    if (!results.get(rate).keptUp()) {
                        break;
                    }
                }
                byServer.put(server, results);
            }
        }
        return byServer;
    }

    private FanoutStep step(FanoutTarget target, int rate, int window) {
        LoadGenerators load = target.load();
        load.reset();
        ServiceProcess gateway = target instanceof GatewayRig rig ? rig.gateway
                : target instanceof SioGatewayRig sio ? sio.gateway : null;
        Profiler profiler = options.profile && gateway != null ? Profiler.start(gateway, options.workDir) : null;
        CpuMeter cpu = CpuMeter.start(target.cpuGroups());
        long start = System.currentTimeMillis();
        Sent sent = target.sendAtRate(rate, Duration.ofSeconds(window));
        long sendEnd = System.currentTimeMillis();
        long expected = sent.count() * target.clientsPerCreator();
        Map<String, Double> cores = cpu.cores();
        if (profiler != null) {
            profiler.stopInto(options.out().resolve(name + "-profile-gateway.txt"),
                    "fan-out step at " + rate + " " + unit + "/s x " + target.clientsPerCreator() + " sockets each");
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline && load.stats().framesTotal() < expected) {
            Sleep.millis(100);
        }
        long keptUpAt = System.currentTimeMillis();
        // kept up: every frame within 10 s, and the events went out at the rate asked (a baseline's publish blocks)
        boolean keptUp = load.stats().framesTotal() >= expected && sent.measuredPerSecond() >= Verdict.PACE * rate;
        if (!keptUp) {
            // the backlog goes before the next step, and what still has not come then is lost
            load.awaitQuiet(Duration.ofSeconds(3), Duration.ofSeconds(120));
        }
        Sleep.millis(1200);
        LoadStats stats = load.stats();
        List<Double> perSecond = new ArrayList<>();
        for (Map.Entry<Long, Second> entry : load.seconds(start + 2000, sendEnd - 1000)) {
            perSecond.add((double) entry.getValue().frames);
        }
        Histogram latency = load.latencySinceReset();
        double maxLoadgen = 0;
        for (Map.Entry<Long, Second> entry : load.seconds(start, System.currentTimeMillis())) {
            maxLoadgen = Math.max(maxLoadgen, entry.getValue().maxProcessCpuCores);
        }
        double medianPerSecond = perSecond.isEmpty() ? stats.arrivalRatePerSecond() : Stats.median(perSecond);
        FanoutStep result = new FanoutStep(rate, sent.measuredPerSecond(), expected, stats.framesTotal(),
                stats.duplicates(), stats.closes().values().stream().mapToLong(Long::longValue).sum(), medianPerSecond,
                stats.arrivalRatePerSecond(), (keptUpAt - sendEnd) / 1000.0, keptUp, latency.quantile(0.5),
                latency.quantile(0.99), latency.max(), cores, maxLoadgen);
        log.info("{} fan-out step {}", target.name(), result);
        return result;
    }
}
