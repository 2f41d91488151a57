package io.chainpulse.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.junit.jupiter.api.Test;

class OutboxTest {
    private static final int FRAME = 100;

    /** A socket that takes frames at once ({@code reading}) or holds them, as a client that does not read. */
    private static final class Socket extends CoreSession.Empty {
        final List<Callback> unread = new ArrayList<>();
        final List<Frame> written = new ArrayList<>();
        final List<Boolean> batched = new ArrayList<>();
        boolean reading = true;

        @Override
        public synchronized void sendFrame(Frame frame, Callback callback, boolean batch) {
            written.add(frame);
            batched.add(batch);
            if (reading) {
                callback.succeeded();
            } else {
                unread.add(callback);
            }
        }

        synchronized void readAll() {
            reading = true;
            List<Callback> waiting = new ArrayList<>(unread);
            unread.clear();
            waiting.forEach(Callback::succeeded);
        }

        synchronized int writtenCount() {
            return written.size();
        }
    }

    private static final class Events implements Outbox.Listener {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger overflows = new AtomicInteger();

        @Override
        public void sent() {
            sent.incrementAndGet();
        }

        @Override
        public void overflowed() {
            overflows.incrementAndGet();
        }
    }

    /** Runs pumps only when told, as writer threads that are behind. */
    private static final class HeldWriter implements Outbox.Writer {
        final List<Runnable> pumps = new ArrayList<>();

        @Override
        public int lane() {
            return 0;
        }

        @Override
        public void schedule(int lane, Runnable pump) {
            pumps.add(pump);
        }

        void runAll() {
            List<Runnable> now = new ArrayList<>(pumps);
            pumps.clear();
            now.forEach(Runnable::run);
        }
    }

    private static ByteBuffer frame() {
        return ByteBuffer.wrap(new byte[FRAME]);
    }

    @Test
    void shouldGiveEveryWaitingFrameToTheSocketInOneRoundWhenTheWriterComes() {
        Socket socket = new Socket();
        Events events = new Events();
        HeldWriter writer = new HeldWriter();
        Outbox outbox = new Outbox(10 * FRAME, events, writer);
        outbox.open(socket);

        for (int i = 0; i < 5; i++) {
            assertThat(outbox.offer(frame())).isTrue();
        }
        assertThat(writer.pumps).hasSize(1);
        assertThat(socket.writtenCount()).isZero();

        writer.runAll();

        assertThat(socket.written).hasSize(5);
        // all but the last marked batch: Jetty gathers them into one write
        assertThat(socket.batched).containsExactly(true, true, true, true, false);
        assertThat(events.sent).hasValue(5);
        assertThat(outbox.queuedBytes()).isZero();
    }

    @Test
    void shouldNotCountFramesThatOnlyWaitForAWriterAgainstAReadingClient() {
        Socket socket = new Socket();
        Events events = new Events();
        HeldWriter writer = new HeldWriter();
        Outbox outbox = new Outbox(10 * FRAME, events, writer);
        outbox.open(socket);

        for (int i = 0; i < 50; i++) {
            assertThat(outbox.offer(frame())).isTrue();
        }
        writer.runAll();

        assertThat(events.overflows).hasValue(0);
        assertThat(socket.written).hasSize(50);
    }

    @Test
    void shouldRefuseOnceWhenAClientLeavesMoreThanTheLimitUnread() {
        Socket socket = new Socket();
        socket.reading = false;
        Events events = new Events();
        HeldWriter writer = new HeldWriter();
        Outbox outbox = new Outbox(10 * FRAME, events, writer);
        outbox.open(socket);

        assertThat(outbox.offer(frame())).isTrue();
        writer.runAll();
        // the client has not taken the first frame: from now on what waits counts against it
        for (int i = 0; i < 9; i++) {
            assertThat(outbox.offer(frame())).isTrue();
        }
        assertThat(outbox.offer(frame())).isFalse();
        assertThat(outbox.offer(frame())).isFalse();

        assertThat(events.overflows).hasValue(1);
    }

    @Test
    void shouldRefuseEvenWithoutAWriterWhenFramesPileFarBeyondTheLimit() {
        Events events = new Events();
        HeldWriter writer = new HeldWriter();
        Outbox outbox = new Outbox(10 * FRAME, events, writer);
        outbox.open(new Socket());

        int accepted = 0;
        while (outbox.offer(frame())) {
            accepted++;
        }

        assertThat(accepted).isEqualTo(160);
        assertThat(events.overflows).hasValue(1);
    }

    @Test
    void shouldCarryOnWithWhatWaitedOnceTheClientReads() {
        Socket socket = new Socket();
        socket.reading = false;
        Events events = new Events();
        HeldWriter writer = new HeldWriter();
        Outbox outbox = new Outbox(10 * FRAME, events, writer);
        outbox.open(socket);
        outbox.offer(frame());
        writer.runAll();
        outbox.offer(frame());
        outbox.offer(frame());

        socket.readAll();

        assertThat(socket.written).hasSize(3);
        assertThat(events.sent).hasValue(3);
        assertThat(events.overflows).hasValue(0);
    }

    @Test
    void shouldRunEveryPumpOnTheWritersAndTellWhenAllRan() throws Exception {
        int sockets = 200;
        CountDownLatch allSent = new CountDownLatch(sockets * 10);
        try (SocketWriters writers = new SocketWriters(2)) {
            List<Socket> opened = new ArrayList<>();
            List<Outbox> outboxes = new ArrayList<>();
            for (int i = 0; i < sockets; i++) {
                Socket socket = new Socket();
                Outbox outbox = new Outbox(1_000 * FRAME, new Outbox.Listener() {
                    @Override
                    public void sent() {
                        allSent.countDown();
                    }

                    @Override
                    public void overflowed() {}
                }, writers);
                outbox.open(socket);
                opened.add(socket);
                outboxes.add(outbox);
            }
            for (int round = 0; round < 10; round++) {
                outboxes.forEach(outbox -> outbox.offer(frame()));
            }

            assertThat(writers.awaitWritten(Duration.ofSeconds(10))).isTrue();
            assertThat(allSent.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(opened).allSatisfy(socket -> assertThat(socket.writtenCount()).isEqualTo(10));
        }
    }
}
