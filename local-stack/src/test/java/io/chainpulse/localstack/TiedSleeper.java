package io.chainpulse.localstack;

/** A parent for {@link TiedProcessIT}: starts a tied {@code sleep}, prints its pid, and waits to be killed. */
public final class TiedSleeper {
    private TiedSleeper() {}

    public static void main(String[] args) throws InterruptedException {
        TiedProcess sleeper = TiedProcess.start(new ProcessBuilder("sleep", "600"));
        long pid = sleeper.handles().stream()
                .filter(handle -> handle.info().command().map(command -> command.endsWith("/sleep")).orElse(false))
                .findFirst().orElseThrow().pid();
        System.out.println("sleep pid " + pid);
        System.out.flush();
        Thread.currentThread().join();
    }
}
