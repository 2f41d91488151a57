package io.chainpulse.bench.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code jcmd} against a service JVM: full GC and live heap for memory figures, JFR recordings for profiles. */
public final class Jcmd {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private Jcmd() {}

    public static String run(long pid, String... arguments) {
        Path javaHome = Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent().getParent();
        List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin/jcmd").toString(), String.valueOf(pid)));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(60, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            return "jcmd failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Heap bytes in use right after a full collection: the live data the process holds. */
    public static long liveHeapBytes(long pid) {
        run(pid, "GC.run");
        long usedKb = 0;
        // one "<generation> total NK, used NK" line per generation (SerialGC: DefNew, Tenured; older JDKs say
        // "def new generation", "tenured generation"); space and Metaspace lines are not summed
        for (String line : run(pid, "GC.heap_info").split("\n")) {
            Matcher matcher = USED.matcher(line);
            if (line.matches("^\\s*(DefNew|Tenured|def new generation|tenured generation|garbage-first heap|PSYoungGen|ParOldGen)\\b.*")
                    && matcher.find()) {
                usedKb += Long.parseLong(matcher.group(1));
            }
        }
        if (usedKb == 0) {
            throw new IllegalStateException("live heap of process " + pid + ": jcmd GC.heap_info gave no used figure");
        }
        return usedKb * 1024;
    }

    public static void startRecording(long pid, Path file) {
        run(pid, "JFR.start", "name=bench", "settings=profile", "filename=" + file);
    }

    public static void stopRecording(long pid) {
        run(pid, "JFR.stop", "name=bench");
    }
}
