package io.chainpulse.bench.baseline;

import io.chainpulse.bench.produce.ProduceClock;
import io.chainpulse.bench.produce.Sent;
import io.chainpulse.bench.stack.Creators.BenchCreator;
import io.chainpulse.bench.stack.Sleep;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Publishes events to a Node baseline as the original design did: batches over HTTP ({@code POST /publish}, a JSON
 * array), one batch every {@value #BATCH_MILLIS} ms of what fell due, round-robin over the channels. Each tip has the
 * fields and order of the gateway's tip frame, an id {@code 0-<sequence>} and its produce time as session id; each
 * stream event those of the gateway's new-stream event, under the address of its room: so the load generators read
 * both servers' frames alike. One thread at a time.
 */
public final class BatchPublisher {
    private static final int BATCH_MILLIS = 5;

    /** Appends event number {@code sequence} as one JSON object. */
    @FunctionalInterface
    interface EventJson {
        void append(StringBuilder body, long sequence);
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI publish;
    private final EventJson events;
    private long sent;

    private BatchPublisher(String baselineUrl, EventJson events) {
        this.publish = URI.create(baselineUrl + "/publish");
        this.events = events;
    }

    /** Tips round-robin over the creators. */
    public static BatchPublisher tips(String baselineUrl, List<BenchCreator> creators) {
        List<BenchCreator> copy = List.copyOf(creators);
        return new BatchPublisher(baselineUrl, (body, sequence) -> appendTip(body, copy, sequence));
    }

    /** New-stream events round-robin over the addresses: {@code {"address":…,"event":{…}}}. */
    public static BatchPublisher streams(String baselineUrl, List<String> addresses) {
        List<String> copy = List.copyOf(addresses);
        return new BatchPublisher(baselineUrl, (body, sequence) -> StreamEventJson.append(body,
                copy.get((int) (sequence % copy.size())), sequence));
    }

    /** Tips at {@code ratePerSecond} for {@code duration}; the count and the time until the last batch was taken. */
    public Sent sendAtRate(double ratePerSecond, Duration duration) {
        long count = (long) (ratePerSecond * duration.toNanos() / 1e9);
        long start = System.nanoTime();
        long done = 0;
        while (done < count) {
            long due = Math.min(count, (long) ((System.nanoTime() - start) / 1e9 * ratePerSecond));
            if (due > done) {
                post(due - done);
                done = due;
            }
            long nextBatch = BATCH_MILLIS - (System.nanoTime() - start) / 1_000_000 % BATCH_MILLIS;
            Sleep.millis(nextBatch);
        }
        return new Sent(count, ratePerSecond, System.nanoTime() - start);
    }

    private void post(long tips) {
        StringBuilder body = new StringBuilder((int) tips * 520).append('[');
        for (long i = 0; i < tips; i++) {
            if (i > 0) {
                body.append(',');
            }
            events.append(body, sent++);
        }
        body.append(']');
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(publish)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 204) {
                throw new IllegalStateException("publish answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("publish to " + publish + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // the gateway's TipFrameEncoder fields, in its order; the baseline adds serverTime as the gateway does
    private static void appendTip(StringBuilder body, List<BenchCreator> creators, long sequence) {
        BenchCreator creator = creators.get((int) (sequence % creators.size()));
        String hex = Long.toHexString(sequence);
        body.append("{\"type\":\"TIP_SENT\",\"id\":\"0-").append(sequence)
                .append("\",\"creatorId\":\"").append(creator.creatorId())
                .append("\",\"tipperAddress\":\"0x70997970c51812dc3a010c7d01b50e0d17dc79c8\"")
                .append(",\"amountEth\":\"0.01\",\"amountWei\":\"10000000000000000\"")
                .append(",\"txHash\":\"0x").append("0".repeat(64 - hex.length())).append(hex)
                .append("\",\"logIndex\":0,\"chainId\":\"31337\",\"blockNumber\":").append(sequence)
                .append(",\"tipMode\":\"offline\",\"sessionId\":\"").append(ProduceClock.sessionIdNow())
                .append("\",\"timestamp\":\"").append(Instant.now()).append("\"}");
    }

    public long sent() {
        return sent;
    }
}
