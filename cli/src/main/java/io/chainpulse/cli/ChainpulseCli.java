package io.chainpulse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./chainpulse} command and its subcommands. */
@Command(name = "chainpulse", mixinStandardHelpOptions = true, version = "chainpulse 0.1.0",
        description = "Chain events to live browser clients: chain -> ingest -> raw topic -> processor -> "
                + "PostgreSQL + per-creator topics -> push gateway -> browsers.",
        subcommands = {CreatorsCommand.class, TipCommand.class,
                ServiceCommands.Ingest.class, ServiceCommands.StellarIngest.class, ServiceCommands.Processor.class,
                ServiceCommands.Gateway.class,
                ProduceCommand.class, ConsumeCommand.class, LagCommand.class, TopicsCommand.class,
                SessionsCommand.class})
public final class ChainpulseCli implements Runnable {
    private static volatile boolean runningUntilShutdown;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        run(args);
    }

    /**
     * Runs the command line; {@code extraSubcommands} are added to the standard ones (the dev module adds
     * {@code dev}, which the service image leaves out).
     */
    public static void run(String[] args, Object... extraSubcommands) {
        CommandLine commandLine = new CommandLine(new ChainpulseCli());
        for (Object subcommand : extraSubcommands) {
            commandLine.addSubcommand(subcommand);
        }
        int exit = commandLine
                .setExecutionExceptionHandler((failure, failed, parseResult) -> {
                    failed.getErr().println("chainpulse: " + failure.getMessage());
                    return failure instanceof IllegalArgumentException ? 2 : 1;
                })
                .execute(args);
        if (exit != 0 || !runningUntilShutdown) {
            System.exit(exit);
        }
    }

    /** For a command that returns only once a shutdown hook stopped it: exiting then would wait for that hook. */
    public static void markRunningUntilShutdown() {
        runningUntilShutdown = true;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
