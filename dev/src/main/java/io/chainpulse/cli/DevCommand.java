package io.chainpulse.cli;

import io.chainpulse.localstack.RepoRoot;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/** Runs the whole pipeline on an embedded default: local KRaft broker, local anvil chain, the three apps. */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "Run the whole stack locally: a real KRaft broker, PostgreSQL at DATABASE_URL, an anvil chain "
                + "with the Droppio contract (unless BASE_RPC_URL and DROPPIO_CONTRACT_ADDRESS are set), ingest, "
                + "processor and push gateway. Ctrl-C stops everything.")
final class DevCommand implements Runnable {
    @Override
    public void run() {
        DevStack stack = DevStack.start(RepoRoot.find(), System.getenv());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("dev-shutdown").unstarted(() -> {
            stack.close();
            stopped.countDown();
        }));
        ChainpulseCli.markRunningUntilShutdown();
        System.out.println(stack.describe());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
