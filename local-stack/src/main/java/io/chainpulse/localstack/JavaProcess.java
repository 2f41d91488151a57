package io.chainpulse.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A ChainPulse service in its own JVM (this JVM's classpath), so a test can SIGKILL it mid-work and start it
 * again, as an operator's process supervisor would.
 */
public final class JavaProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private JavaProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static JavaProcess start(String mainClass, Map<String, String> env, Path log) {
        List<String> command = new ArrayList<>(List.of(ChildJvm.javaExecutable(), "-Xmx512m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), mainClass));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        try {
            return new JavaProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass, e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL and wait for the process to be gone. */
    public void kill() {
        process.destroyForcibly();
        waitFor(30);
    }

    /** SIGTERM: the service's shutdown hook runs. Returns true when it exited within the timeout. */
    public boolean terminate(long timeoutSeconds) {
        process.destroy();
        return waitFor(timeoutSeconds);
    }

    private boolean waitFor(long seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
