package io.chainpulse.bench.baseline;

import io.chainpulse.bench.stack.ProcStat;
import io.chainpulse.bench.stack.Sleep;
import io.chainpulse.localstack.RepoRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A re-creation of an original design as one Node process ({@code bench/baselines/<name>.mjs <port>}), started on a
 * free port and ready once its {@code /health} answers 200; stopped with SIGTERM.
 */
public final class NodeBaseline implements AutoCloseable {
    private final String name;
    private final Process process;
    private final int port;

    private NodeBaseline(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    public static NodeBaseline start(String name, int port, Path workDir) {
        Path script = RepoRoot.find().resolve("bench/baselines/" + name + ".mjs");
        try {
            Process process = new ProcessBuilder("node", script.toString(), String.valueOf(port))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve(name + "-" + port + ".log").toFile()))
                    .start();
            NodeBaseline baseline = new NodeBaseline(name, process, port);
            baseline.awaitHealthy(Duration.ofSeconds(30));
            return baseline;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + script, e);
        }
    }

    private void awaitHealthy(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited at start (exit " + process.exitValue() + ")");
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(httpUrl() + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            Sleep.millis(200);
        }
        close();
        throw new IllegalStateException(name + " not healthy within " + timeout);
    }

    public String name() {
        return name;
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String wsUrl() {
        return "ws://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public long rssBytes() {
        return ProcStat.rssBytes(pid()).orElseThrow(() -> new IllegalStateException(
                "RSS of " + name + ": process " + pid() + " not found"));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
