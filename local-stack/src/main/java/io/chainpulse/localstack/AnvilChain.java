package io.chainpulse.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local EVM chain: the anvil binary from the npm package {@code @foundry-rs/anvil-linux-amd64}, as a child
 * process on a loopback port. With a state file it can be stopped and restarted with its blocks intact.
 */
public final class AnvilChain implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AnvilChain.class);
    /** Anvil's first well-known development key (public test mnemonic); funded with 10,000 ETH. */
    public static final String DEV_PRIVATE_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    public static final long CHAIN_ID = 31337;

    private final int port;
    private final Path stateFile;
    private final Path logFile;
    private volatile TiedProcess process;

    private AnvilChain(int port, Path stateFile, Path logFile) {
        this.port = port;
        this.stateFile = stateFile;
        this.logFile = logFile;
    }

    /** Starts anvil on a free port with a fresh state file in a temporary directory. */
    public static AnvilChain start() {
        try {
            Path dir = Files.createTempDirectory("chainpulse-anvil");
            return start(FreePorts.next(), dir.resolve("state.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static AnvilChain start(int port, Path stateFile) {
        try {
            Files.createDirectories(stateFile.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + stateFile.getParent(), e);
        }
        AnvilChain chain = new AnvilChain(port, stateFile, stateFile.resolveSibling("anvil-" + port + ".log"));
        chain.launch();
        return chain;
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String wsUrl() {
        return "ws://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts (or restarts) the process, loading the state file when one was dumped. */
    public synchronized void launch() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(binary().toString(),
                "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--chain-id", String.valueOf(CHAIN_ID),
                "--state", stateFile.toString(), "--state-interval", "1",
                "--preserve-historical-states", "--silent"));
        // tied: when the JVM that started anvil dies (even by SIGKILL), anvil gets SIGTERM, dumps its state and exits
        process = TiedProcess.start(new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectErrorStream(true));
        awaitRpc(Duration.ofSeconds(30));
        log.info("anvil chain {} listening at {}", CHAIN_ID, httpUrl());
    }

    /** SIGTERM: anvil writes its state file and exits; {@link #launch()} brings it back with the same blocks. */
    public synchronized void stop() {
        TiedProcess current = process;
        if (current != null && current.isAlive() && !current.terminate(15)) {
            current.kill();
        }
    }

    /** anvil's processes (the binary and the wrapper that ties it to this JVM); empty when never started. */
    public List<ProcessHandle> processes() {
        TiedProcess current = process;
        return current == null ? List.of() : current.handles();
    }

    private void awaitRpc(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("anvil exited at start; see " + logFile);
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(httpUrl()))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for anvil", e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for anvil", e);
            }
        }
        throw new IllegalStateException("anvil did not answer at " + httpUrl() + " within " + timeout);
    }

    static Path binary() {
        Path root = RepoRoot.find();
        Path binary = root.resolve("node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("anvil is not installed at " + binary + ": run `npm ci` in " + root
                    + " (./chainpulse does it for you)");
        }
        return binary;
    }

    @Override
    public void close() {
        stop();
    }
}
