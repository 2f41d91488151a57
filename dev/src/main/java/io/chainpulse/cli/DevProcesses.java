package io.chainpulse.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dev stack's child processes (broker, anvil), recorded in {@code .chainpulse/dev.pids} as "pid start-instant"
 * lines, so a start after a crashed dev can stop what that dev left running. The start instant guards against a
 * recycled pid: a process is only stopped when both match.
 */
final class DevProcesses {
    private static final Logger log = LoggerFactory.getLogger(DevProcesses.class);
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final Path file;

    DevProcesses(Path dataDir) {
        this.file = dataDir.resolve("dev.pids");
    }

    /** Stops every recorded process still running (SIGTERM, SIGKILL after 30 s), then forgets them. */
    void stopLeftovers() {
        List<ProcessHandle> leftovers = recorded().stream().filter(ProcessHandle::isAlive).toList();
        if (!leftovers.isEmpty()) {
            log.warn("an earlier dev stack left {} process(es) running ({}); stopping them", leftovers.size(),
                    leftovers.stream().map(handle -> String.valueOf(handle.pid())).toList());
            leftovers.forEach(ProcessHandle::destroy);
            long deadline = System.nanoTime() + GRACE.toNanos();
            for (ProcessHandle handle : leftovers) {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!handle.onExit().completeOnTimeout(handle, left, TimeUnit.NANOSECONDS).join().isAlive()) {
                    continue;
                }
                log.warn("process {} ignored SIGTERM for {} s; killing it", handle.pid(), GRACE.toSeconds());
                handle.destroyForcibly();
                handle.onExit().join();
            }
        }
        forget();
    }

    /** Records processes a later start must stop if this dev dies without closing them. */
    void record(List<ProcessHandle> handles) {
        StringBuilder lines = new StringBuilder();
        for (ProcessHandle handle : handles) {
            handle.info().startInstant().ifPresent(started -> lines.append(handle.pid()).append(' ')
                    .append(started.toEpochMilli()).append('\n'));
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    void forget() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    List<ProcessHandle> recorded() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<ProcessHandle> handles = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.trim().split(" ");
                if (parts.length == 2) {
                    same(Long.parseLong(parts[0]), Instant.ofEpochMilli(Long.parseLong(parts[1])))
                            .ifPresent(handles::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NumberFormatException e) {
            log.warn("ignoring {}: not pid/start lines ({})", file, e.getMessage());
        }
        return handles;
    }

    private static Optional<ProcessHandle> same(long pid, Instant started) {
        return ProcessHandle.of(pid).filter(handle -> handle.info().startInstant()
                .map(instant -> instant.toEpochMilli() == started.toEpochMilli()).orElse(false));
    }
}
