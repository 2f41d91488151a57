package io.chainpulse.ingest.evm;

import io.chainpulse.ingest.IngestConfig;
import io.chainpulse.ingest.publish.RawEventPublisher;
import io.chainpulse.ingest.source.Pacer;
import io.chainpulse.ingest.source.SourceFollower;
import io.chainpulse.schemas.AvroSerde;
import io.chainpulse.schemas.ingest.BlockRef;
import io.chainpulse.schemas.ingest.IngestCheckpoint;
import io.chainpulse.schemas.raw.RawChainEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the contract's logs block by block from the durable checkpoint to the head: backfills in bounded
 * ranges, then keeps up as new heads arrive. Each step publishes its logs and the advanced checkpoint in one
 * Kafka transaction. A changed hash at the checkpoint means a reorg: orphaned logs are published again with
 * {@code removed = true} and the follower rewinds to the fork point. It never gives up: failures back off
 * with jitter and fail over to the next endpoint (see {@code SourceRunner}). Runs on one thread.
 */
public final class EvmLogFollower implements SourceFollower {
    private static final Logger log = LoggerFactory.getLogger(EvmLogFollower.class);
    static final String TIP_SENT_TOPIC = "0x90d0d1c278e2812025e0ffbbb2b6a12866b8bfa21446645ba063259a3f48949a";
    /** Keeps the checkpoint record well under Kafka's default 1 MB message limit. */
    private static final long MAX_CHECKPOINT_LOG_BYTES = 512 * 1024;
    private static final AvroSerde<RawChainEvent> RAW_SERDE =
            AvroSerde.of(RawChainEvent.getClassSchema());
    static final String WITHDRAW_TOPIC = "0x884edad9ce6fa2440d8a54cc123490eb96d2768479d49ff9c7366125a9424364";

    private final IngestConfig config;
    private final RawEventPublisher publisher;
    private final IngestMetrics metrics;
    private final Optional<IngestCheckpoint> savedCheckpoint;
    private final BackfillProgress progress;
    private final EvmRpc rpc;
    private final Deque<BlockRef> recentBlocks = new ArrayDeque<>();
    private final TreeMap<Long, List<RawChainEvent>> recentLogs = new TreeMap<>();
    private EvmLogMapper mapper;
    private long cursorNumber;
    private String cursorHash;
    private int range;

    public EvmLogFollower(IngestConfig config, RawEventPublisher publisher, IngestMetrics metrics,
            Optional<IngestCheckpoint> savedCheckpoint, BackfillProgress progress, Pacer pacer) {
        this.config = config;
        this.publisher = publisher;
        this.metrics = metrics;
        this.savedCheckpoint = savedCheckpoint;
        this.progress = progress;
        this.range = config.maxBlockRange();
        this.rpc = new EvmRpc(config.rpcUrls(), pacer::wake, metrics);
    }

    @Override
    public boolean step() throws IOException {
        if (!rpc.isConnected()) {
            rpc.failover();
            if (mapper == null) {
                start();
            }
        }
        return advance();
    }

    /** A provider that refuses the eth_getLogs range gets half the range next time, down to one block. */
    @Override
    public boolean adapted(Exception failure) {
        if (!(failure instanceof RangeRefusal || RangeRefusal.isRangeRefusal(failure.getMessage())) || range == 1) {
            return false;
        }
        range = Math.max(1, range / 2);
        metrics.rangeShrinks.increment();
        log.info("provider refused the eth_getLogs range ({}); narrowing to {} blocks", failure.getMessage(), range);
        return true;
    }

    @Override
    public void failed(Exception failure, long retryInMillis) {
        log.warn("EVM ingest step failed at {} ({}); retrying in {} ms on the next endpoint",
                rpc.currentUrl(), rpc.explain(failure), retryInMillis);
        metrics.reconnects.increment();
        rpc.close();
    }

    @Override
    public String position() {
        return "block " + cursorNumber;
    }

    @Override
    public void disconnect() {
        rpc.close();
    }

    private void start() throws IOException {
        long chainId = rpc.chainId();
        mapper = new EvmLogMapper(chainId);
        if (savedCheckpoint.isPresent()) {
            IngestCheckpoint checkpoint = savedCheckpoint.get();
            cursorNumber = checkpoint.getBlockNumber();
            cursorHash = checkpoint.getBlockHash();
            checkpoint.getRecentBlocks().forEach(recentBlocks::addLast);
            for (ByteBuffer encoded : checkpoint.getRecentLogs()) {
                byte[] bytes = new byte[encoded.remaining()];
                encoded.duplicate().get(bytes);
                RawChainEvent event = RAW_SERDE.decode(bytes);
                recentLogs.computeIfAbsent(event.getBlockNumber(), n -> new ArrayList<>()).add(event);
            }
            log.info("resuming chain {} after block {} from the checkpoint", chainId, cursorNumber);
        } else {
            long head = rpc.headNumber();
            long first = config.startBlock().orElse(Math.max(0, head - config.confirmations() + 1));
            cursorNumber = first - 1;
            cursorHash = cursorNumber >= 0 ? rpc.header(cursorNumber).hash() : null;
            log.info("first start on chain {}: from block {} (EVM_START_BLOCK={})", chainId, first,
                    config.startBlock().isPresent() ? first : "latest");
        }
        metrics.lastPublishedBlock.set(cursorNumber);
    }

    /** One round: check the checkpoint block is still canonical, then publish the next range. True when it advanced. */
    private boolean advance() throws IOException {
        long head = rpc.headNumber();
        metrics.chainHead.set(head);
        if (cursorNumber >= 0 && cursorHash != null) {
            BlockHeader atCursor = rpc.header(cursorNumber);
            if (!atCursor.hash().equals(cursorHash)) {
                rewindAfterReorg();
                return true;
            }
        }
        long target = head - config.confirmations();
        if (target <= cursorNumber) {
            progress.caughtUp(cursorNumber);
            return false;
        }
        long from = cursorNumber + 1;
        long to = Math.min(target, from + range - 1);
        List<RpcLog> logs = rpc.logs(config.contractAddress(), List.of(TIP_SENT_TOPIC, WITHDRAW_TOPIC), from, to);
        BlockHeader last = rpc.header(to);
        for (RpcLog rpcLog : logs) {
            if (rpcLog.blockNumberValue() == to && !rpcLog.blockHash().equals(last.hash())) {
                throw new IOException("block " + to + " changed while it was read (reorg in flight); reading again");
            }
        }
        if (to == from && cursorHash != null && !last.parentHash().equals(cursorHash)) {
            rewindAfterReorg();
            return true;
        }
        List<RawChainEvent> events = toEvents(logs);
        // every block that carried a log is remembered, so a reorg rewinds exactly to the newest surviving one
        new TreeMap<Long, String>(logs.stream().filter(rpcLog -> rpcLog.blockNumberValue() < to)
                .collect(Collectors.toMap(RpcLog::blockNumberValue, RpcLog::blockHash, (a, b) -> a)))
                .forEach(this::advanceWindow);
        List<BlockRef> window = advanceWindow(to, last.hash());
        remember(events);
        try {
            publisher.publish(events, checkpoint(to, last.hash(), window));
        } catch (RuntimeException e) {
            recentLogs.tailMap(cursorNumber, false).clear();
            throw e;
        }
        cursorNumber = to;
        cursorHash = last.hash();
        metrics.lastPublishedBlock.set(to);
        metrics.logsPublished.increment(events.size());
        metrics.backfillTarget.set(target);
        progress.advanced(from, to, target, events.size());
        range = Math.min(config.maxBlockRange(), range * 2);
        return true;
    }

    private List<RawChainEvent> toEvents(List<RpcLog> logs) throws IOException {
        Map<Long, Long> timestamps = new HashMap<>();
        List<RawChainEvent> events = new ArrayList<>(logs.size());
        for (RpcLog rpcLog : logs) {
            long timestamp;
            if (rpcLog.blockTimestamp() != null) {
                timestamp = Hex.toLong(rpcLog.blockTimestamp()) * 1000;
            } else {
                Long known = timestamps.get(rpcLog.blockNumberValue());
                timestamp = known != null ? known : rpc.header(rpcLog.blockNumberValue()).timestampMillis();
                timestamps.put(rpcLog.blockNumberValue(), timestamp);
            }
            events.add(mapper.toRaw(rpcLog, timestamp, rpcLog.removed()));
        }
        return events;
    }

    /** Finds the newest remembered block still on the chain, announces the logs above it as removed, rewinds. */
    private void rewindAfterReorg() throws IOException {
        metrics.reorgs.increment();
        long forkNumber = -1;
        String forkHash = null;
        while (!recentBlocks.isEmpty()) {
            BlockRef candidate = recentBlocks.peekLast();
            if (rpc.header(candidate.getNumber()).hash().equals(candidate.getHash())) {
                forkNumber = candidate.getNumber();
                forkHash = candidate.getHash();
                break;
            }
            recentBlocks.pollLast();
        }
        if (forkHash == null) {
            forkNumber = Math.max(0, cursorNumber - config.reorgWindow());
            forkHash = rpc.header(forkNumber).hash();
            log.warn("reorg deeper than the remembered window of {} blocks; rewinding to block {}",
                    config.reorgWindow(), forkNumber);
        }
        List<RawChainEvent> removals = new ArrayList<>();
        for (List<RawChainEvent> orphaned : recentLogs.tailMap(forkNumber, false).values()) {
            for (RawChainEvent event : orphaned) {
                RawChainEvent removal = RawChainEvent.newBuilder(event).setRemoved(true)
                        .setIngestedAt(System.currentTimeMillis()).build();
                removals.add(removal);
            }
        }
        recentLogs.tailMap(forkNumber, false).clear();
        publisher.publish(removals, checkpoint(forkNumber, forkHash, List.copyOf(recentBlocks)));
        log.warn("chain reorganized above block {} (was at {}): {} orphaned log(s) announced as removed",
                forkNumber, cursorNumber, removals.size());
        cursorNumber = forkNumber;
        cursorHash = forkHash;
        metrics.lastPublishedBlock.set(forkNumber);
    }

    private List<BlockRef> advanceWindow(long number, String hash) {
        recentBlocks.addLast(new BlockRef(number, hash));
        while (recentBlocks.size() > config.reorgWindow()) {
            recentBlocks.pollFirst();
        }
        return List.copyOf(recentBlocks);
    }

    private void remember(List<RawChainEvent> events) {
        for (RawChainEvent event : events) {
            recentLogs.computeIfAbsent(event.getBlockNumber(), n -> new ArrayList<>()).add(event);
        }
        long oldest = recentBlocks.isEmpty() ? cursorNumber : recentBlocks.peekFirst().getNumber();
        recentLogs.headMap(oldest, false).clear();
    }

    private IngestCheckpoint checkpoint(long number, String hash, List<BlockRef> window) {
        return IngestCheckpoint.newBuilder()
                .setSourceId(config.sourceId())
                .setBlockNumber(number)
                .setBlockHash(hash)
                .setCursor(null)
                .setRecentBlocks(window)
                .setRecentLogs(encodedRecentLogs(number))
                .setUpdatedAt(System.currentTimeMillis())
                .build();
    }

    /** The logs of the remembered blocks up to {@code number}, newest kept first when they exceed the size cap. */
    private List<ByteBuffer> encodedRecentLogs(long number) {
        LinkedList<ByteBuffer> encoded = new LinkedList<>();
        long bytes = 0;
        for (List<RawChainEvent> block : recentLogs.headMap(number, true).descendingMap().values()) {
            for (RawChainEvent event : block) {
                byte[] one = RAW_SERDE.encode(event);
                bytes += one.length;
                if (bytes > MAX_CHECKPOINT_LOG_BYTES) {
                    return encoded;
                }
                encoded.addFirst(ByteBuffer.wrap(one));
            }
        }
        return encoded;
    }

    public long lastPublishedBlock() {
        return cursorNumber;
    }
}
