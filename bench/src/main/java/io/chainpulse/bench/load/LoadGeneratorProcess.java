package io.chainpulse.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** One Node load-generator process: commands go to its stdin, its replies (other than ticks) queue here. */
final class LoadGeneratorProcess {
    final int index;
    final Process process;
    final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();

    LoadGeneratorProcess(int index, Process process) {
        this.index = index;
        this.process = process;
    }

    void send(String command) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("load generator " + index + " is gone", e);
        }
    }

    JsonNode await(String event, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode reply = left > 0 ? replies.poll(left, TimeUnit.NANOSECONDS) : null;
                if (reply == null) {
                    throw new IllegalStateException("load generator " + index + " sent no " + event + " within "
                            + timeout + (process.isAlive() ? "" : " (it exited)"));
                }
                if (reply.path("ev").asText().equals(event)) {
                    return reply;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
