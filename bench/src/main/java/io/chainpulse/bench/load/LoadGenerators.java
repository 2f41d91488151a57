package io.chainpulse.bench.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainpulse.bench.report.Histogram;
import io.chainpulse.bench.stack.Sleep;
import io.chainpulse.localstack.RepoRoot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several Node load-generator processes ({@code scripts/bench/loadgen.mjs}), each with its own loopback source
 * address and file-descriptor budget, driven through stdin and read through their one-JSON-line-per-second stdout.
 * Their per-second reports are merged by wall-clock second. Reader threads fill thread-safe maps and queues.
 */
public final class LoadGenerators implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LoadGenerators.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Tips each load generator drops after every reset, as if lost: proves the loss checks, never set in a real run. */
    public static final String DROP_PROPERTY = "chainpulse.bench.dropAfterReset";

    /** One WebSocket client: the creator it subscribes to and the overlay token it presents. */
    public record ClientSpec(String creatorId, String token) {}

    /** One wall-clock second, merged over every load generator. */
    public static final class Second {
        public long frames;
        public long open;
        public long caught;
        public final Histogram latency = new Histogram();
        public double cpuCores;
        public double maxProcessCpuCores;
        public long rssBytes;
    }

    private final List<LoadGeneratorProcess> generators;

    private final NavigableMap<Long, Second> seconds = new ConcurrentSkipListMap<>();
    // open and caught are gauges: a second holds the sum of every generator's latest value, so a generator whose tick
    // came late (its event loop busy with a wave of handshakes) does not make the total dip
    private final Map<Integer, long[]> latestGauges = new HashMap<>();

    private LoadGenerators(List<LoadGeneratorProcess> generators) {
        this.generators = generators;
    }

    public static LoadGenerators start(String gatewayUrl, List<ClientSpec> clients, int processes, int concurrency,
            Path workDir) {
        return start(gatewayUrl, clients, processes, concurrency, workDir, false);
    }

    /**
     * With {@code socketIo}, each client is a Socket.IO client that joins the room {@code stream-<creatorId>} (the
     * client's creator id is the room's address) and counts new-stream events.
     */
    public static LoadGenerators start(String gatewayUrl, List<ClientSpec> clients, int processes, int concurrency,
            Path workDir, boolean socketIo) {
        List<LoadGeneratorProcess> generators = new ArrayList<>();
        LoadGenerators load = new LoadGenerators(generators);
        Path script = Path.of(System.getProperty("chainpulse.bench.loadgen",
                RepoRoot.find().resolve("scripts/bench/loadgen.mjs").toString()));
        for (int i = 0; i < processes; i++) {
            List<List<String>> mine = new ArrayList<>();
            for (int c = i; c < clients.size(); c += processes) {
                mine.add(List.of(clients.get(c).creatorId(), clients.get(c).token()));
            }
            String address = "127.0.0." + (10 + i);
            try {
                Path config = Files.createTempFile(workDir, "loadgen-" + i + "-", ".json");
                JSON.writeValue(config.toFile(), Map.of("url", gatewayUrl, "localAddress", address, "clients", mine,
                        "concurrency", Math.max(1, concurrency / processes), "mode", socketIo ? "socketio" : "ws"));
                ProcessBuilder builder = new ProcessBuilder("node", script.toString(), config.toString())
                        .redirectError(ProcessBuilder.Redirect.appendTo(workDir.resolve("loadgen-" + i + ".log").toFile()));
                // the script may run from a snapshot copy: it loads npm ws from the repository's node_modules
                builder.environment().put("CHAINPULSE_ROOT", RepoRoot.find().toString());
                // only for the test that proves a lost tip fails the run: each generator drops tips after a reset
                String drop = System.getProperty(DROP_PROPERTY);
                if (drop != null) {
                    builder.environment().put("CHAINPULSE_BENCH_DROP_AFTER_RESET", drop);
                }
                Process process = builder.start();
                LoadGeneratorProcess generator = new LoadGeneratorProcess(i, process);
                generators.add(generator);
                Thread.ofPlatform().daemon(true).name("loadgen-reader-" + i).start(() -> load.read(generator));
            } catch (IOException e) {
                load.close();
                throw new UncheckedIOException("cannot start node load generator " + i, e);
            }
        }
        return load;
    }

    private void read(LoadGeneratorProcess generator) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(generator.process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                JsonNode node = JSON.readTree(line);
                if (node.path("ev").asText().equals("tick")) {
                    addTick(generator.index, node);
                } else {
                    generator.replies.add(node);
                }
            }
        } catch (IOException e) {
            log.debug("load generator {} output ended: {}", generator.index, e.toString());
        }
    }

    private void addTick(int generatorIndex, JsonNode tick) {
        long open;
        long caught;
        synchronized (latestGauges) {
            latestGauges.put(generatorIndex, new long[] {tick.path("open").asLong(), tick.path("caught").asLong()});
            open = latestGauges.values().stream().mapToLong(gauges -> gauges[0]).sum();
            caught = latestGauges.values().stream().mapToLong(gauges -> gauges[1]).sum();
        }
        Second second = seconds.computeIfAbsent(tick.path("t").asLong() / 1000, key -> new Second());
        synchronized (second) {
            second.frames += tick.path("frames").asLong();
            second.open = Math.max(second.open, open);
            second.caught = Math.max(second.caught, caught);
            double cores = tick.path("cpuMicros").asDouble() / 1e6;
            second.cpuCores += cores;
            second.maxProcessCpuCores = Math.max(second.maxProcessCpuCores, cores);
            second.rssBytes += tick.path("rss").asLong();
            tick.path("histMicros").properties().forEach(entry ->
                    second.latency.addMicros(Long.parseLong(entry.getKey()), entry.getValue().asLong()));
        }
    }

    /** Waits until every generator tried all its connections; returns the sockets open. */
    public long awaitConnected(Duration timeout) {
        long open = 0;
        long failed = 0;
        for (LoadGeneratorProcess generator : generators) {
            JsonNode reply = generator.await("connected", timeout);
            open += reply.path("open").asLong();
            failed += reply.path("failed").asLong();
        }
        if (failed > 0) {
            log.warn("{} clients could not connect", failed);
        }
        return open;
    }

    /** Waits until no frame arrived for {@code quiet} (or {@code limit} passed), so late frames count nowhere. */
    public void awaitQuiet(Duration quiet, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        long frames = stats().framesTotal();
        long stillSince = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - stillSince < quiet.toNanos()) {
            Sleep.millis(100);
            long now = stats().framesTotal();
            if (now != frames) {
                frames = now;
                stillSince = System.nanoTime();
            }
        }
    }

    public LoadStats stats() {
        generators.forEach(generator -> generator.send("{\"cmd\":\"stats\"}"));
        long open = 0, clients = 0, frames = 0, min = Long.MAX_VALUE, max = 0, duplicates = 0, recovered = 0,
                unavailable = 0, missing = 0, failed = 0;
        double first = Double.NaN, last = Double.NaN;
        Map<String, Long> closes = new TreeMap<>();
        for (LoadGeneratorProcess generator : generators) {
            JsonNode reply = generator.await("stats", Duration.ofSeconds(30));
            open += reply.path("open").asLong();
            clients += reply.path("clients").asLong();
            frames += reply.path("framesTotal").asLong();
            min = Math.min(min, reply.path("minFrames").asLong());
            max = Math.max(max, reply.path("maxFrames").asLong());
            duplicates += reply.path("duplicates").asLong();
            recovered += reply.path("recovered").asLong();
            unavailable += reply.path("unavailable").asLong();
            missing += reply.path("missing").asLong();
            failed += reply.path("failedConnects").asLong();
            if (reply.path("firstFrameAt").isNumber()) {
                first = Double.isNaN(first) ? reply.path("firstFrameAt").asDouble() : Math.min(first, reply.path("firstFrameAt").asDouble());
                last = Double.isNaN(last) ? reply.path("lastFrameAt").asDouble() : Math.max(last, reply.path("lastFrameAt").asDouble());
            }
            reply.path("closes").properties().forEach(entry -> closes.merge(entry.getKey(), entry.getValue().asLong(), Long::sum));
        }
        return new LoadStats(open, clients, frames, min == Long.MAX_VALUE ? 0 : min, max, duplicates, recovered,
                unavailable, missing, failed, closes, first, last);
    }

    /** Every latency recorded since the last reset, merged over the generators (not cut at second boundaries). */
    public Histogram latencySinceReset() {
        generators.forEach(generator -> generator.send("{\"cmd\":\"latency\"}"));
        Histogram merged = new Histogram();
        for (LoadGeneratorProcess generator : generators) {
            generator.await("latency", Duration.ofSeconds(30)).path("histMicros").properties().forEach(entry ->
                    merged.addMicros(Long.parseLong(entry.getKey()), entry.getValue().asLong()));
        }
        return merged;
    }

    /** Zeroes the per-client frame counts and the latencies since reset (after a warm-up). */
    public void reset() {
        generators.forEach(generator -> generator.send("{\"cmd\":\"reset\"}"));
        generators.forEach(generator -> generator.await("reset", Duration.ofSeconds(30)));
    }

    /**
     * Every closed client reconnects at once with {@code since=<last id it saw>} and {@code query} (more socket
     * options, or empty) and expects {@code expect} tips.
     */
    public void reconnect(int expect, String query) {
        String command;
        try {
            command = JSON.writeValueAsString(Map.of("cmd", "reconnect", "expect", expect, "query", query));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a reconnect command", e);
        }
        // no client of this wave has caught up yet: the gauge, and the second the wave starts in, begin at zero
        // rather than at the previous wave's count
        synchronized (latestGauges) {
            latestGauges.values().forEach(gauges -> gauges[1] = 0);
        }
        Second current = seconds.get(System.currentTimeMillis() / 1000);
        if (current != null) {
            synchronized (current) {
                current.caught = 0;
            }
        }
        generators.forEach(generator -> generator.send(command));
    }

    /** Milliseconds from the reconnect command until the slowest generator had all its clients caught up. */
    public double awaitCaughtUp(Duration timeout) {
        double slowest = 0;
        for (LoadGeneratorProcess generator : generators) {
            slowest = Math.max(slowest, generator.await("caughtUp", timeout).path("ms").asDouble());
        }
        return slowest;
    }

    /** The merged seconds in [fromMillis, toMillis). */
    public List<Map.Entry<Long, Second>> seconds(long fromMillis, long toMillis) {
        if (toMillis / 1000 <= fromMillis / 1000 + 1) {
            return List.of();
        }
        // a tick covers the second before it: one stamped in the start's own second holds frames from before the start
        return new ArrayList<>(seconds.subMap(fromMillis / 1000 + 1, true, toMillis / 1000, false).entrySet());
    }

    public int processes() {
        return generators.size();
    }

    public List<Long> pids() {
        return generators.stream().map(generator -> generator.process.pid()).toList();
    }

    @Override
    public void close() {
        for (LoadGeneratorProcess generator : generators) {
            try {
                generator.send("{\"cmd\":\"close\"}");
            } catch (RuntimeException e) {
                // already gone
            }
        }
        for (LoadGeneratorProcess generator : generators) {
            try {
                if (!generator.process.waitFor(10, TimeUnit.SECONDS)) {
                    generator.process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                generator.process.destroyForcibly();
            }
        }
    }
}
