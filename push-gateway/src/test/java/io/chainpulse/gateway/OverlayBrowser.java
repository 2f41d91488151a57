package io.chainpulse.gateway;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The overlay page in real headless Chromium (Debian's {@code chromium}, driven by npm {@code playwright-core} from
 * {@code src/test/js/overlay-browser.mjs}): reads the alerts shown and takes screenshots.
 */
final class OverlayBrowser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Writer stdin;
    private final List<JsonNode> lines = new CopyOnWriteArrayList<>();
    private final StringBuffer stderr = new StringBuffer();

    private OverlayBrowser(Process process) {
        this.process = process;
        this.stdin = process.outputWriter(StandardCharsets.UTF_8);
        Thread.ofVirtual().start(() -> read(process.inputReader(StandardCharsets.UTF_8), true));
        Thread.ofVirtual().start(() -> read(process.errorReader(StandardCharsets.UTF_8), false));
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM)
                && Files.isDirectory(SocketIoNodeClient.repoRoot().resolve("node_modules/playwright-core"));
    }

    static OverlayBrowser open(String pageUrl) {
        Path root = SocketIoNodeClient.repoRoot();
        try {
            OverlayBrowser browser = new OverlayBrowser(new ProcessBuilder("node",
                    root.resolve("push-gateway/src/test/js/overlay-browser.mjs").toString(), pageUrl)
                    .directory(root.toFile()).start());
            await().atMost(Duration.ofSeconds(60)).until(() -> browser.has("opened") || !browser.process.isAlive());
            if (!browser.has("opened")) {
                throw new IllegalStateException("Chromium did not open the page: " + browser.stderr);
            }
            return browser;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node", e);
        }
    }

    private void read(BufferedReader reader, boolean json) {
        try (BufferedReader input = reader) {
            String line;
            while ((line = input.readLine()) != null) {
                if (json) {
                    lines.add(JSON.readTree(line));
                } else {
                    stderr.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            stderr.append(e).append('\n');
        }
    }

    private boolean has(String field) {
        return lines.stream().anyMatch(line -> line.has(field));
    }

    private JsonNode ask(String command, String answerField) {
        int before = lines.size();
        try {
            stdin.write(command + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the browser script is gone: " + stderr, e);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> lines.subList(before, lines.size()).stream()
                .anyMatch(line -> line.has(answerField) || line.has("error")));
        JsonNode answer = lines.subList(before, lines.size()).stream()
                .filter(line -> line.has(answerField) || line.has("error")).findFirst().orElseThrow();
        if (answer.has("error")) {
            throw new IllegalStateException(answer.get("error").asText());
        }
        return answer;
    }

    /** The {@code data-id} of every alert on the page, top to bottom. */
    List<String> alertIds() {
        List<String> ids = new ArrayList<>();
        ask("alerts", "alerts").get("alerts").forEach(alert -> ids.add(alert.get("id").asText()));
        return ids;
    }

    List<String> alertTexts() {
        List<String> texts = new ArrayList<>();
        ask("alerts", "alerts").get("alerts").forEach(alert -> texts.add(alert.get("text").asText()));
        return texts;
    }

    void screenshot(Path file) {
        ask("screenshot " + file.toAbsolutePath(), "screenshot");
    }

    @Override
    public void close() {
        try {
            stdin.write("exit\n");
            stdin.flush();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
