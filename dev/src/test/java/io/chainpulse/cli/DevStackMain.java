package io.chainpulse.cli;

import io.chainpulse.localstack.RepoRoot;

/** A dev stack in its own JVM, for {@link DevRestartIT} to kill: settings from the environment, no shutdown hook. */
public final class DevStackMain {
    private DevStackMain() {}

    public static void main(String[] args) throws InterruptedException {
        DevStack stack = DevStack.start(RepoRoot.find(), System.getenv());
        System.out.println("READY " + stack.state().contractAddress());
        System.out.flush();
        Thread.currentThread().join();
    }
}
