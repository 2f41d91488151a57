package io.chainpulse.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** One service alone, configured from the environment, for production deployments. */
final class ServiceCommands {
    private ServiceCommands() {}

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Run EVM ingest alone. Needs BASE_RPC_URL, DROPPIO_CONTRACT_ADDRESS, KAFKA_BOOTSTRAP_SERVERS.")
    static final class Ingest implements Callable<Integer> {
        @picocli.CommandLine.Option(names = "--no-progress", description = "Do not draw the backfill progress bar.")
        boolean noProgress;

        @Override
        public Integer call() {
            var logged = new io.chainpulse.ingest.evm.LoggedProgress();
            io.chainpulse.ingest.IngestMain.run(System.getenv(),
                    noProgress || !ConsoleProgressBar.isTerminal() ? logged : new ConsoleProgressBar(System.err, logged));
            return DevCommandKeepAlive.block();
        }
    }

    @Command(name = "processor", mixinStandardHelpOptions = true,
            description = "Run the processor alone. Needs DROPPIO_CONTRACT_ADDRESS, EVM_CHAIN_ID, DATABASE_URL, KAFKA_BOOTSTRAP_SERVERS.")
    static final class Processor implements Callable<Integer> {
        @Override
        public Integer call() {
            io.chainpulse.processor.ProcessorMain.main(new String[0]);
            return DevCommandKeepAlive.block();
        }
    }

    @Command(name = "gateway", mixinStandardHelpOptions = true,
            description = "Run the push gateway alone. Needs DATABASE_URL, KAFKA_BOOTSTRAP_SERVERS; GATEWAY_PORT defaults to 3001.")
    static final class Gateway implements Callable<Integer> {
        @Override
        public Integer call() {
            var env = System.getenv();
            var config = io.chainpulse.gateway.GatewayConfig.fromEnv(env);
            var database = io.chainpulse.store.Database.connectAndMigrate(
                    io.chainpulse.store.DatabaseSettings.fromEnv(env), "gateway");
            var app = io.chainpulse.gateway.GatewayApp.create(config,
                    io.chainpulse.schemas.Topics.withPrefix(config.topicPrefix()), database).start();
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("gateway-shutdown").unstarted(() -> {
                app.close();
                database.close();
            }));
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
