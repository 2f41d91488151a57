package io.chainpulse.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.chainpulse.localstack.RepoRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark's report: figures as JSON ({@code <name>.json}) and prose with tables and charts as Markdown
 * ({@code <name>.md}, charts as {@code <name>-*.png}), written side by side into the report directory.
 */
public final class Report {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String name;
    private final Map<String, Object> data = new LinkedHashMap<>();
    private final StringBuilder markdown = new StringBuilder();
    private final Map<String, LineChart> charts = new LinkedHashMap<>();

    public Report(String name, String title, String command) {
        this.name = name;
        data.put("benchmark", name);
        data.put("command", command);
        data.put("environment", environment());
        markdown.append("# ").append(title).append("\n\n");
        markdown.append("```\n").append(command).append("\n```\n\n");
        markdown.append("Run ").append(data.get("environment")).append("\n\n");
    }

    private static Map<String, Object> environment() {
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("date", Instant.now().toString());
        environment.put("commit", git("rev-parse", "--short", "HEAD"));
        environment.put("cpus", Runtime.getRuntime().availableProcessors());
        environment.put("loadAverageAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        environment.put("java", System.getProperty("java.version"));
        return environment;
    }

    private static String git(String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-C", RepoRoot.find().toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    public Report put(String key, Object value) {
        data.put(key, value);
        return this;
    }

    public Report text(String paragraph) {
        markdown.append(paragraph).append("\n\n");
        return this;
    }

    public Report table(List<String> header, List<List<String>> rows) {
        markdown.append("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(column -> markdown.append("---|"));
        markdown.append('\n');
        for (List<String> row : rows) {
            markdown.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        markdown.append('\n');
        return this;
    }

    public Report chart(String suffix, LineChart chart) {
        String file = name + "-" + suffix + ".png";
        charts.put(file, chart);
        markdown.append("![").append(suffix).append("](").append(file).append(")\n\n");
        return this;
    }

    public Path write(Path directory) {
        try {
            Files.createDirectories(directory);
            JSON.writeValue(directory.resolve(name + ".json").toFile(), data);
            Files.writeString(directory.resolve(name + ".md"), markdown.toString());
            charts.forEach((file, chart) -> chart.write(directory.resolve(file)));
            return directory.resolve(name + ".md");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + directory, e);
        }
    }

    public static String fmt(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return value >= 100 ? "%,.0f".formatted(value) : value >= 10 ? "%.1f".formatted(value) : "%.2f".formatted(value);
    }
}
