package io.chainpulse.bench.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chainpulse.bench.stack.Sleep;
import io.chainpulse.localstack.AnvilChain;
import io.chainpulse.localstack.DroppioClient;
import io.chainpulse.localstack.FreePorts;
import io.chainpulse.localstack.RepoRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;

/**
 * An anvil chain filled fast with historical Droppio tips: automine off, batched {@code eth_sendTransaction} from
 * anvil's unlocked dev accounts, then {@code evm_mine}, block after block. No state file (nothing to dump).
 */
public final class BenchChain implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BenchChain.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 500;

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();
    private String contract;
    private List<String> accounts;
    private long[] nonces;

    private BenchChain(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static BenchChain start(Path log) {
        int port = FreePorts.next();
        Path binary = RepoRoot.find().resolve("node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
        try {
            Process process = new ProcessBuilder(binary.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port),
                    "--chain-id", String.valueOf(AnvilChain.CHAIN_ID), "--silent", "--accounts", "20",
                    // room for thousands of tips per block
                    "--gas-limit", "3000000000")
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectErrorStream(true).start();
            BenchChain chain = new BenchChain(process, port);
            chain.awaitRpc();
            return chain;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start anvil", e);
        }
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String wsUrl() {
        return "ws://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public String contract() {
        return contract;
    }

    /** Deploys Droppio (automine still on), then turns automine off. */
    public String deploy() {
        try (DroppioClient client = new DroppioClient(httpUrl(), AnvilChain.DEV_PRIVATE_KEY, AnvilChain.CHAIN_ID)) {
            contract = client.deploy("Droppio");
        }
        accounts = JSON.convertValue(call("eth_accounts", JSON.createArrayNode()), JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class));
        call("evm_setAutomine", JSON.createArrayNode().add(false));
        // explicit nonces: anvil serves a batch concurrently and would hand two transactions the same pending nonce
        nonces = new long[accounts.size()];
        for (int i = 0; i < accounts.size(); i++) {
            nonces[i] = Long.decode(call("eth_getTransactionCount",
                    JSON.createArrayNode().add(accounts.get(i)).add("pending")).asText());
        }
        return contract;
    }

    /** Sends {@code count} tips to the wallets round-robin, mining a block every {@code perBlock}; returns the head. */
    public long fill(int count, List<String> wallets, int perBlock) {
        long sent = 0;
        long inBlock = 0;
        while (sent < count) {
            int size = (int) Math.min(BATCH, Math.min(count - sent, perBlock - inBlock));
            ArrayNode batch = JSON.createArrayNode();
            for (int i = 0; i < size; i++) {
                long n = sent + i;
                String data = FunctionEncoder.encode(new Function("tip",
                        List.of(new Address(wallets.get((int) (n % wallets.size())))), List.of()));
                int account = (int) (n % accounts.size());
                ObjectNode tx = JSON.createObjectNode()
                        .put("from", accounts.get(account)).put("nonce", "0x" + Long.toHexString(nonces[account]++))
                        .put("to", contract).put("data", data).put("value", "0x2386f26fc10000").put("gas", "0x186a0");
                batch.add(request(n, "eth_sendTransaction", JSON.createArrayNode().add(tx)));
            }
            JsonNode answers = post(batch);
            for (JsonNode answer : answers) {
                if (answer.has("error")) {
                    throw new IllegalStateException("anvil refused a tip: " + answer.get("error"));
                }
            }
            sent += size;
            inBlock += size;
            if (inBlock >= perBlock || sent >= count) {
                call("evm_mine", JSON.createArrayNode());
                inBlock = 0;
            }
            if (sent % 10_000 < size) {
                log.info("chain fill: {} of {} tips sent", sent, count);
            }
        }
        JsonNode pool = call("txpool_status", JSON.createArrayNode());
        long pending = Long.decode(pool.path("pending").asText("0x0"));
        if (pending > 0) {
            throw new IllegalStateException(pending + " tips still pending after mining");
        }
        return head();
    }

    public long head() {
        return Long.decode(call("eth_blockNumber", JSON.createArrayNode()).asText());
    }

    /** The number of TipSent logs in [0, head], counted by anvil (one getLogs per 10 blocks). */
    public long countLogs(long head) {
        long logs = 0;
        for (long from = 0; from <= head; from += 10) {
            ObjectNode filter = JSON.createObjectNode().put("address", contract)
                    .put("fromBlock", "0x" + Long.toHexString(from)).put("toBlock", "0x" + Long.toHexString(Math.min(head, from + 9)));
            logs += call("eth_getLogs", JSON.createArrayNode().add(filter)).size();
        }
        return logs;
    }

    private JsonNode call(String method, ArrayNode params) {
        JsonNode answer = post(request(1, method, params));
        if (answer.has("error")) {
            throw new IllegalStateException(method + " failed: " + answer.get("error"));
        }
        return answer.get("result");
    }

    private static ObjectNode request(long id, String method, ArrayNode params) {
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        request.set("params", params);
        return request;
    }

    private JsonNode post(JsonNode body) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(httpUrl()))
                    .header("content-type", "application/json").timeout(Duration.ofMinutes(5))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("anvil RPC failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void awaitRpc() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                call("eth_chainId", JSON.createArrayNode());
                return;
            } catch (RuntimeException e) {
                Sleep.millis(100);
            }
        }
        throw new IllegalStateException("anvil did not answer at " + httpUrl());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
