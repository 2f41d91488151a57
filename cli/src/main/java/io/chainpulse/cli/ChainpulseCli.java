package io.chainpulse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./chainpulse} command and its subcommands. */
@Command(name = "chainpulse", mixinStandardHelpOptions = true, version = "chainpulse 0.1.0",
        description = "Chain events to live browser clients: chain -> ingest -> raw topic -> processor -> "
                + "PostgreSQL + per-creator topics -> push gateway -> browsers.",
        subcommands = {DevCommand.class, CreatorsCommand.class, TipCommand.class,
                ServiceCommands.Ingest.class, ServiceCommands.StellarIngest.class, ServiceCommands.Processor.class,
                ServiceCommands.Gateway.class,
                ProduceCommand.class, ConsumeCommand.class, LagCommand.class, TopicsCommand.class,
                SessionsCommand.class})
public final class ChainpulseCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int exit = new CommandLine(new ChainpulseCli())
                .setExecutionExceptionHandler((failure, commandLine, parseResult) -> {
                    commandLine.getErr().println("chainpulse: " + failure.getMessage());
                    return failure instanceof IllegalArgumentException ? 2 : 1;
                })
                .execute(args);
        if (exit != 0 || !DevCommand.isRunningForever()) {
            System.exit(exit);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
