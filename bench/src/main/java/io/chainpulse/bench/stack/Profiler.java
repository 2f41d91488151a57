package io.chainpulse.bench.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JFR recording (settings=profile) of one service JVM during a measurement, summarised with {@code jfr view} into a
 * text file beside the report: the hottest methods, CPU per thread, lock contention, socket I/O.
 */
public final class Profiler {
    private static final List<String> VIEWS = List.of("thread-cpu-load", "latencies-by-type", "hot-methods",
            "contention-by-site", "gc-pauses", "allocation-by-site");

    private final ServiceProcess service;
    private final Path recording;

    private Profiler(ServiceProcess service, Path recording) {
        this.service = service;
        this.recording = recording;
    }

    public static Profiler start(ServiceProcess service, Path workDir) {
        Path recording = workDir.resolve(service.name() + "-" + service.pid() + "-" + System.currentTimeMillis() + ".jfr");
        Jcmd.startRecording(service.pid(), recording);
        return new Profiler(service, recording);
    }

    /** Stops the recording and writes the views to {@code summary}. */
    public void stopInto(Path summary, String heading) {
        Jcmd.stopRecording(service.pid());
        Path jfr = Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent().resolve("jfr");
        StringBuilder text = new StringBuilder("# " + heading + "\n# JFR settings=profile on the " + service.name()
                + " JVM; recording " + recording.getFileName() + "\n\n");
        for (String view : VIEWS) {
            text.append(run(jfr.toString(), "view", "--width", "140", view, recording.toString())).append('\n');
        }
        try {
            Files.createDirectories(summary.getParent());
            Files.writeString(summary, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(120, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            return "jfr failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
