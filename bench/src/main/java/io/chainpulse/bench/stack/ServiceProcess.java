package io.chainpulse.bench.stack;

import io.chainpulse.localstack.RepoRoot;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A ChainPulse service main in its own JVM on the jars of this JVM's classpath, so its CPU and memory are its own and it can be
 * restarted. JVM options default to those of {@code local-stack}'s {@code JavaProcess} (-Xmx512m, SerialGC).
 */
public final class ServiceProcess implements AutoCloseable {
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC");

    private final String name;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public static ServiceProcess start(String name, String mainClass, Map<String, String> env, List<String> jvmOptions,
            Path log) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-Dchainpulse.repo.root=" + RepoRoot.find());
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                // a service needs only the jars; a directory would also keep its JVM from writing an AOT cache
                // (-XX:AOTCacheOutput); the bench's logging configuration is kept by name
                if (Files.isRegularFile(path.resolve("logback.xml"))) {
                    command.add("-Dlogback.configurationFile=" + path.resolve("logback.xml").toAbsolutePath());
                }
            } else {
                jars.add(entry);
            }
        }
        command.addAll(List.of("-cp", String.join(File.pathSeparator, jars), mainClass));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        try {
            return new ServiceProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long rssBytes() {
        return ProcStat.rssBytes(pid()).orElseThrow(() -> new IllegalStateException(
                "RSS of " + name() + ": process " + pid() + " not found"));
    }

    public double cpuSeconds() {
        return ProcStat.cpuSeconds(pid()).orElseThrow(() -> new IllegalStateException(
                "CPU of " + name() + ": process " + pid() + " not found"));
    }

    /** SIGTERM, then SIGKILL after the timeout. */
    public void stop(long timeoutSeconds) {
        process.destroy();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop(20);
        }
    }
}
