package io.chainpulse.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An overlay client as a browser would run it: on a dropped socket it reconnects to the next gateway with
 * {@code ?since=<last id>}. Records every TIP_SENT frame's txHash, in arrival order, to count deliveries.
 */
final class FailoverClient implements WebSocket.Listener {
    private static final ObjectMapper JSON = new ObjectMapper();
    final List<String> tips = new CopyOnWriteArrayList<>();
    final AtomicInteger reconnects = new AtomicInteger();
    private final List<String> gatewayUrls;
    private final String path;
    private final StringBuilder partial = new StringBuilder();
    private volatile int gateway;
    private volatile String lastId;

    private FailoverClient(List<String> gatewayUrls, int firstGateway, String path) {
        this.gatewayUrls = gatewayUrls;
        this.gateway = firstGateway;
        this.path = path;
    }

    static FailoverClient connect(List<String> gatewayUrls, int firstGateway, String creatorId, String token) throws Exception {
        FailoverClient client = new FailoverClient(gatewayUrls, firstGateway, "/ws/overlay/" + creatorId + "?token=" + token);
        client.open();
        return client;
    }

    int gateway() {
        return gateway;
    }

    private void open() throws Exception {
        String url = gatewayUrls.get(gateway) + path + (lastId != null ? "&since=" + lastId : "");
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), this).get(10, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                JsonNode frame = JSON.readTree(partial.toString());
                if ("TIP_SENT".equals(frame.path("type").asText())) {
                    tips.add(frame.get("txHash").asText());
                    lastId = frame.get("id").asText();
                }
            } catch (Exception e) {
                throw new IllegalStateException("not a JSON frame: " + partial, e);
            }
            partial.setLength(0);
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        failOver();
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        failOver();
    }

    /** A network drop may skip onClose, so both paths land here; the reconnect runs off the listener thread. */
    private void failOver() {
        Thread.ofVirtual().start(() -> {
            for (int attempt = 0; attempt < 30; attempt++) {
                gateway = (gateway + 1) % gatewayUrls.size();
                try {
                    partial.setLength(0);
                    open();
                    reconnects.incrementAndGet();
                    return;
                } catch (Exception notYet) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
                }
            }
        });
    }
}
