package io.chainpulse.bench.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** CPU time and resident memory of a process, read from {@code /proc} (Linux). */
public final class ProcStat {
    /** USER_HZ: the kernel reports CPU times in ticks of 1/100 s on every mainstream Linux. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcStat() {}

    /** User + system CPU seconds used so far, or empty when the process is gone. */
    public static Optional<Double> cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // the command name may contain spaces: fields are counted after its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return Optional.of(ticks / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Resident set size in bytes (VmRSS), or empty when the process is gone. */
    public static Optional<Long> rssBytes(long pid) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"));
            for (String line : lines) {
                if (line.startsWith("VmRSS:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Open file descriptors of the process, or -1 when they cannot be listed. */
    public static int openFiles(long pid) {
        try (var entries = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return (int) entries.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * CPU seconds of every process whose executable name ({@code /proc/<pid>/comm}) is {@code name}, by pid, e.g. the
     * PostgreSQL server and its backends; a process that ended between listing and reading is left out. The name,
     * not the command line: a JVM with the PostgreSQL driver on its classpath has "postgres" in its command line too.
     */
    public static Map<Long, Double> cpuSecondsByPidOfCommand(String name) {
        Map<Long, Double> seconds = new HashMap<>();
        ProcessHandle.allProcesses().filter(handle -> command(handle.pid()).equals(name))
                .forEach(handle -> cpuSeconds(handle.pid()).ifPresent(cpu -> seconds.put(handle.pid(), cpu)));
        return seconds;
    }

    private static String command(long pid) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(pid), "comm")).strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * The whole command line from {@code /proc/<pid>/cmdline}; {@code ProcessHandle.Info} may cut a long one (a JVM
     * with a long classpath) before the main class.
     */
    public static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline"))).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
