package io.chainpulse.cli;

/** The {@code ./chainpulse} launcher's entry point: every command of the CLI plus {@code dev}. */
public final class DevMain {
    private DevMain() {}

    public static void main(String[] args) {
        ChainpulseCli.run(args, new DevCommand());
    }
}
