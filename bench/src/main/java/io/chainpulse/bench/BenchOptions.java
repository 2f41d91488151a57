package io.chainpulse.bench;

import io.chainpulse.localstack.RepoRoot;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every benchmark takes. */
final class BenchOptions {
    @Option(names = "--out", paramLabel = "DIR", description = "Report directory (default docs/benchmarks).")
    Path out;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "/tmp/chainpulse-bench",
            description = "Broker data, service logs, load-generator configs (default ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--runs", defaultValue = "3", description = "Repeated runs; the report gives medians (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--smoke", description = "A tiny, quick run that only proves the command works (CI); figures mean nothing.")
    boolean smoke;

    static final String DEFAULT_GATEWAY_JVM = "-Xmx512m -XX:+UseSerialGC";

    @Option(names = "--gateway-jvm", paramLabel = "OPTIONS", defaultValue = DEFAULT_GATEWAY_JVM,
            description = "JVM options of the gateway process (default: as local-stack's JavaProcess, ${DEFAULT-VALUE}).")
    String gatewayJvm;

    @Option(names = "--gateway-aot-cache", description = "fanout, reconnect: train a JDK AOT cache (JEP 483 and 515: classes loaded and linked, method profiles) on the first gateway's life (-XX:AOTCacheOutput, written when it stops) and start every later gateway with it (-XX:AOTCache).")
    boolean gatewayAotCache;

    @Option(names = "--profile", description = "Record JFR (settings=profile) on the service under test and write `jfr view` summaries beside the report.")
    boolean profile;

    Path out() {
        if (out != null) {
            return out;
        }
        return smoke ? workDir.resolve("smoke-reports") : RepoRoot.find().resolve("docs/benchmarks");
    }

    int runs() {
        return smoke ? 1 : runs;
    }

    /** The {@code --gateway-jvm} argument that reproduces this run, or nothing for the default. */
    String gatewayJvmArgument() {
        return gatewayJvm.equals(DEFAULT_GATEWAY_JVM) ? "" : " --gateway-jvm '" + gatewayJvm + "'";
    }

    /** {@link #gatewayJvmArgument()} and {@code --gateway-aot-cache} when given (the benchmarks that restart it). */
    String gatewayArguments() {
        return gatewayJvmArgument() + (gatewayAotCache ? " --gateway-aot-cache" : "");
    }

    List<String> gatewayJvmOptions() {
        return Arrays.asList(gatewayJvm.trim().split("\\s+"));
    }
}
