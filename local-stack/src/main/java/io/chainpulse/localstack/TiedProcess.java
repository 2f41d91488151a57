package io.chainpulse.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A child process that dies with this JVM, however this JVM ends (kill -9 included): it runs under a small sh
 * wrapper whose stdin is a pipe only this JVM holds. The kernel closes that pipe when this JVM exits, the wrapper
 * reads end-of-file and stops the child with SIGTERM (so anvil still dumps its state and a broker shuts down
 * cleanly). SIGTERM sent to the wrapper is passed on to the child; the wrapper exits with the child's status.
 */
public final class TiedProcess {
    private static final String WRAPPER = """
            exec 3<&0 0</dev/null
            "$@" &
            child=$!
            trap 'kill -TERM "$child" 2>/dev/null' TERM INT
            (while read -r _ <&3; do :; done; kill -TERM "$child" 2>/dev/null) &
            reader=$!
            exec 3<&-
            status=0
            while kill -0 "$child" 2>/dev/null; do wait "$child"; status=$?; done
            kill "$reader" 2>/dev/null
            exit "$status"
            """;

    private final Process wrapper;

    private TiedProcess(Process wrapper) {
        this.wrapper = wrapper;
    }

    /** Starts {@code command} tied to this JVM, with the builder's directory, environment and output redirects. */
    public static TiedProcess start(ProcessBuilder builder) {
        List<String> command = new ArrayList<>(List.of("sh", "-c", WRAPPER, "chainpulse-tied"));
        command.addAll(builder.command());
        try {
            return new TiedProcess(builder.command(command).redirectInput(ProcessBuilder.Redirect.PIPE).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(4), e);
        }
    }

    public boolean isAlive() {
        return wrapper.isAlive();
    }

    /** The wrapper and everything under it (the child and the wrapper's stdin reader). */
    public List<ProcessHandle> handles() {
        return Stream.concat(Stream.of(wrapper.toHandle()), wrapper.descendants()).toList();
    }

    /** SIGTERM to the child; true when it exited within the timeout. */
    public boolean terminate(long timeoutSeconds) {
        wrapper.destroy();
        return waitFor(timeoutSeconds);
    }

    /** SIGKILL to the child and the wrapper: no shutdown hook, no flush. */
    public void kill() {
        wrapper.descendants().forEach(ProcessHandle::destroyForcibly);
        wrapper.destroyForcibly();
        waitFor(30);
    }

    /** The child's exit status, once it exited. */
    public int exitValue() {
        return wrapper.exitValue();
    }

    public boolean waitFor(long timeoutSeconds) {
        try {
            return wrapper.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
