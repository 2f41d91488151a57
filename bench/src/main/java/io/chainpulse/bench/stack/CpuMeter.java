package io.chainpulse.bench.stack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CPU used by named groups of processes over a window, in cores (CPU seconds per wall second). */
public final class CpuMeter {
    private final Map<String, List<Long>> groups;
    private final Map<String, Double> startSeconds = new LinkedHashMap<>();
    // PostgreSQL's backends come and go during a window: each is measured from its own start value (0 when it began
    // during the window), so one that exits takes nothing away (a summed total went negative)
    private final Map<Long, Double> postgresStart;
    private final long startNanos;

    private CpuMeter(Map<String, List<Long>> groups) {
        this.groups = groups;
        this.postgresStart = groups.containsKey("postgres") ? postgres() : Map.of();
        groups.forEach((name, pids) -> {
            if (!name.equals("postgres")) {
                startSeconds.put(name, seconds(name, pids));
            }
        });
        this.startNanos = System.nanoTime();
    }

    private static Map<Long, Double> postgres() {
        Map<Long, Double> seconds = ProcStat.cpuSecondsByPidOfCommand("postgres");
        if (seconds.isEmpty()) {
            throw new IllegalStateException("CPU of postgres: no process named postgres on this machine");
        }
        return seconds;
    }

    /** Starts measuring; the group named {@code postgres} also counts every PostgreSQL backend on the machine. */
    public static CpuMeter start(Map<String, List<Long>> groups) {
        return new CpuMeter(new LinkedHashMap<>(groups));
    }

    /** A process that cannot be read is an error, never 0 cores. */
    private static double seconds(String name, List<Long> pids) {
        if (pids.isEmpty()) {
            throw new IllegalStateException("CPU of " + name + ": no process to measure");
        }
        return pids.stream().mapToDouble(pid -> ProcStat.cpuSeconds(pid).orElseThrow(() ->
                new IllegalStateException("CPU of " + name + ": process " + pid + " not found"))).sum();
    }

    /** Cores used by each group since the start. */
    public Map<String, Double> cores() {
        double wall = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Double> cores = new LinkedHashMap<>();
        groups.forEach((name, pids) -> {
            double used = name.equals("postgres")
                    ? postgres().entrySet().stream().mapToDouble(backend ->
                            Math.max(0, backend.getValue() - postgresStart.getOrDefault(backend.getKey(), 0.0))).sum()
                    : seconds(name, pids) - startSeconds.get(name);
            cores.put(name, Math.round(used / wall * 100) / 100.0);
        });
        return cores;
    }
}
