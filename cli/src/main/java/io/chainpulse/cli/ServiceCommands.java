package io.chainpulse.cli;

import io.chainpulse.gateway.GatewayMain;
import io.chainpulse.ingest.IngestMain;
import io.chainpulse.ingest.evm.LoggedProgress;
import io.chainpulse.ingest.stellar.StellarIngestMain;
import io.chainpulse.processor.ProcessorMain;
import io.chainpulse.testevents.TestEventRoutes;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** One service alone, configured from the environment, for production deployments. */
final class ServiceCommands {
    private ServiceCommands() {}

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Run EVM ingest alone. Needs BASE_RPC_URL, DROPPIO_CONTRACT_ADDRESS, KAFKA_BOOTSTRAP_SERVERS.")
    static final class Ingest implements Callable<Integer> {
        @Option(names = "--no-progress", description = "Do not draw the backfill progress bar.")
        boolean noProgress;

        @Override
        public Integer call() {
            var logged = new LoggedProgress();
            IngestMain.run(System.getenv(),
                    noProgress || !ConsoleProgressBar.isTerminal() ? logged : new ConsoleProgressBar(System.err, logged));
            return DevCommandKeepAlive.block();
        }
    }

    @Command(name = "stellar-ingest", mixinStandardHelpOptions = true,
            description = "Run Soroban ingest alone. Needs SOROBAN_RPC_URL, STELLARSTREAM_CONTRACT_IDS, "
                    + "KAFKA_BOOTSTRAP_SERVERS; STELLAR_INGEST_HTTP_PORT defaults to 3004.")
    static final class StellarIngest implements Callable<Integer> {
        @Override
        public Integer call() {
            StellarIngestMain.run(System.getenv());
            return DevCommandKeepAlive.block();
        }
    }

    @Command(name = "processor", mixinStandardHelpOptions = true,
            description = "Run the processor alone. Needs DROPPIO_CONTRACT_ADDRESS, EVM_CHAIN_ID, DATABASE_URL, KAFKA_BOOTSTRAP_SERVERS.")
    static final class Processor implements Callable<Integer> {
        @Override
        public Integer call() {
            ProcessorMain.run(System.getenv());
            return DevCommandKeepAlive.block();
        }
    }

    @Command(name = "gateway", mixinStandardHelpOptions = true,
            description = "Run the push gateway alone. Needs DATABASE_URL, KAFKA_BOOTSTRAP_SERVERS; GATEWAY_PORT defaults to 3001.")
    static final class Gateway implements Callable<Integer> {
        @Override
        public Integer call() {
            Map<String, String> env = System.getenv();
            // test endpoints only when TEST_ENDPOINTS_ENABLED=true
            GatewayMain.run(env, (topics, database) -> TestEventRoutes.fromEnv(env, topics, database));
            return DevCommandKeepAlive.block();
        }
    }

    /** Keeps the command alive while the service's own threads run; the shutdown hook stops them. */
    static final class DevCommandKeepAlive {
        private DevCommandKeepAlive() {}

        static int block() {
            try {
                Thread.currentThread().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
    }
}
