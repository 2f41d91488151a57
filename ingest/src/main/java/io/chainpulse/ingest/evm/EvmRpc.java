package io.chainpulse.ingest.evm;

import io.chainpulse.ingest.rpc.RpcUrls;
import io.reactivex.disposables.Disposable;
import io.reactivex.plugins.RxJavaPlugins;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlockNumber;
import org.web3j.protocol.core.methods.response.EthChainId;
import org.web3j.protocol.http.HttpService;
import org.web3j.protocol.websocket.WebSocketService;

/**
 * JSON-RPC to one EVM endpoint after another: calls go to the current endpoint and a failure moves to the
 * next, round robin. A WebSocket endpoint also notifies new heads, which wakes the follower at once.
 * Used by the follower thread only; the head callback runs on web3j's thread.
 */
final class EvmRpc implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EvmRpc.class);

    private final List<String> urls;
    private final Runnable onNewHead;
    private final IngestMetrics metrics;
    private int current = -1;
    private Web3jService service;
    private Web3j web3j;
    private final AtomicReference<Disposable> headSubscription = new AtomicReference<>();

    static {
        // web3j's RxJava reports an unsubscribe on a connection that already dropped as "undeliverable";
        // the follower reconnects on its own, so such late errors are only worth a debug line
        if (RxJavaPlugins.getErrorHandler() == null) {
            RxJavaPlugins.setErrorHandler(
                    error -> log.debug("late error from a closed web3j subscription: {}", error.toString()));
        }
    }

    EvmRpc(List<String> urls, Runnable onNewHead, IngestMetrics metrics) {
        this.urls = List.copyOf(urls);
        this.onNewHead = onNewHead;
        this.metrics = metrics;
    }

    /** Connects to the next endpoint in the list; throws when it cannot be reached. */
    void failover() throws IOException {
        closeCurrent();
        if (current >= 0) {
            metrics.providerFailovers.increment();
        }
        current = (current + 1) % urls.size();
        String url = urls.get(current);
        String shown = RpcUrls.redact(url);
        if (url.regionMatches(true, 0, "ws", 0, 2)) {
            WebSocketService ws = new WebSocketService(url, false);
            try {
                ws.connect(message -> {}, error -> log.warn("WebSocket to {} failed: {}", shown, explain(error)),
                        () -> log.warn("WebSocket to {} closed", shown));
            } catch (ConnectException e) {
                throw new IOException("cannot connect to " + shown + ": " + explain(e), e);
            }
            service = ws;
            web3j = Web3j.build(ws);
            headSubscription.set(web3j.newHeadsNotifications().subscribe(
                    head -> onNewHead.run(),
                    error -> log.warn("new-heads subscription on {} ended: {}", shown, explain(error))));
        } else {
            service = new HttpService(url);
            web3j = Web3j.build(service);
        }
        metrics.connectedEndpoint.set(shown);
        log.info("using EVM endpoint {} ({} of {})", shown, current + 1, urls.size());
    }

    boolean isConnected() {
        return service != null;
    }

    /** A failure as text, with any endpoint URL it quotes redacted. */
    String explain(Throwable failure) {
        return RpcUrls.hideIn(failure.toString(), urls);
    }

    String currentUrl() {
        return current < 0 ? "none" : RpcUrls.redact(urls.get(current));
    }

    long chainId() throws IOException {
        EthChainId response = web3j.ethChainId().send();
        return check(response, "eth_chainId").getChainId().longValueExact();
    }

    long headNumber() throws IOException {
        EthBlockNumber response = web3j.ethBlockNumber().send();
        return check(response, "eth_blockNumber").getBlockNumber().longValueExact();
    }

    BlockHeader header(long number) throws IOException {
        var request = new Request<>("eth_getBlockByNumber", List.of(Hex.of(number), false), service,
                RpcResponses.Header.class);
        BlockHeader header = check(request.send(), "eth_getBlockByNumber").getResult();
        if (header == null) {
            throw new IOException("block " + number + " is not known to " + currentUrl());
        }
        return header;
    }

    List<RpcLog> logs(String contract, List<String> topic0s, long from, long to) throws IOException {
        Map<String, Object> filter = Map.of(
                "address", contract,
                "fromBlock", Hex.of(from),
                "toBlock", Hex.of(to),
                "topics", List.of(topic0s));
        var request = new Request<>("eth_getLogs", List.of(filter), service, RpcResponses.Logs.class);
        RpcResponses.Logs response = request.send();
        if (response.hasError() && RangeRefusal.isRangeRefusal(response.getError().getMessage())) {
            throw new RangeRefusal(response.getError().getMessage());
        }
        return check(response, "eth_getLogs").getResult();
    }

    private <T extends Response<?>> T check(T response, String method) throws IOException {
        if (response.hasError()) {
            throw new IOException(method + " failed at " + currentUrl() + ": " + response.getError().getMessage());
        }
        return response;
    }

    private void closeCurrent() {
        var subscription = headSubscription.getAndSet(null);
        if (subscription != null) {
            try {
                subscription.dispose();
            } catch (RuntimeException e) {
                log.debug("unsubscribing from new heads on a dead connection: {}", e.toString());
            }
        }
        if (web3j != null) {
            try {
                web3j.shutdown();
            } catch (RuntimeException e) {
                log.debug("closing endpoint {}: {}", currentUrl(), e.toString());
            }
        }
        web3j = null;
        service = null;
        metrics.connectedEndpoint.set(null);
    }

    @Override
    public void close() {
        closeCurrent();
    }
}
