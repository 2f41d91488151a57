package io.chainpulse.cli;

import io.chainpulse.produce.BurstProducer;
import io.chainpulse.produce.TestEventFactory;
import io.chainpulse.produce.TestEventKind;
import io.chainpulse.produce.TestEventRequest;
import io.chainpulse.schemas.raw.RawChainEvent;
import io.chainpulse.schemas.settings.EnvReader;
import io.chainpulse.testevents.StellarTestEvents;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Writes test events (origin TEST) straight into the raw topic, so frontends can be built without a chain. */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = {"Write test Droppio or StellarStream events straight into the raw topic (origin TEST), one or a "
                + "paced burst.",
                "The processor treats them like ingested events: the creator's wallet must be registered for the tip to "
                        + "reach an overlay (./chainpulse creators add); stream events reach the Socket.IO rooms "
                        + "stream-<sender> and stream-<receiver>."})
final class ProduceCommand implements Runnable {
    /** Anvil's second development account: a recognisable default tipper. */
    static final String DEFAULT_TIPPER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

    @Mixin
    KafkaOptions kafka;

    @Parameters(index = "0", paramLabel = "KIND",
            description = "tip or withdraw (Droppio); stream, withdrawal or cancellation (StellarStream).")
    String kindName;

    @Option(names = "--creator", paramLabel = "WALLET",
            description = "Droppio: the creator's wallet, the one tipped or the one withdrawing (required).")
    String creatorWallet;

    @Option(names = "--from", paramLabel = "WALLET", defaultValue = DEFAULT_TIPPER,
            description = "The tipper (default ${DEFAULT-VALUE}).")
    String from;

    @Option(names = "--amount", paramLabel = "ETH", defaultValue = "0.01", description = "Amount in ETH (default ${DEFAULT-VALUE}).")
    BigDecimal amountEth;

    @Option(names = "--session", paramLabel = "BYTES32", description = "The tip's session id, 0x + 64 hex (default: random).")
    String sessionId;

    @Option(names = "--count", defaultValue = "1", description = "How many events (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "0",
            description = "Events per second in a burst; 0 = as fast as Kafka takes them (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--contract", paramLabel = "ADDRESS",
            description = "Droppio contract the events claim to come from (default: DROPPIO_CONTRACT_ADDRESS or the dev stack's).")
    String contract;

    @Option(names = "--chain-id", paramLabel = "ID",
            description = "EVM chain id (default: EVM_CHAIN_ID, the dev stack's, or 31337).")
    String chainId;

    @Mixin
    StellarOptions stellar;

    @Override
    public void run() {
        String name = kindName.trim().toUpperCase(Locale.ROOT);
        if (Arrays.stream(StellarTestKind.values()).anyMatch(kind -> kind.name().equals(name))) {
            produceStellar(StellarTestKind.valueOf(name));
            return;
        }
        if (Arrays.stream(TestEventKind.values()).noneMatch(kind -> kind.name().equals(name))) {
            throw new IllegalArgumentException("KIND must be tip, withdraw, stream, withdrawal or cancellation, was "
                    + kindName);
        }
        if (creatorWallet == null) {
            throw new IllegalArgumentException("--creator is required for " + kindName.trim());
        }
        produceDroppio(TestEventKind.valueOf(name));
    }

    private void produceDroppio(TestEventKind kind) {
        Optional<DevState> dev = KafkaOptions.devState();
        Map<String, String> env = System.getenv();
        String contractAddress = firstOf(contract, env.get("DROPPIO_CONTRACT_ADDRESS"),
                dev.map(DevState::contractAddress).orElse(null));
        if (contractAddress == null) {
            throw new IllegalArgumentException("no contract: pass --contract, set DROPPIO_CONTRACT_ADDRESS, or start ./chainpulse dev");
        }
        String chain = firstOf(chainId, env.get("EVM_CHAIN_ID"), dev.map(state -> String.valueOf(state.chainId())).orElse("31337"));
        if (amountEth.signum() <= 0) {
            throw new IllegalArgumentException("--amount must be > 0, was " + amountEth.toPlainString());
        }
        TestEventFactory factory = new TestEventFactory(chain, contractAddress.split(",")[0].trim());
        var amountWei = amountEth.movePointRight(18).toBigIntegerExact();
        burst(() -> factory.build(kind, new TestEventRequest(creatorWallet, from, amountWei,
                        sessionId != null ? sessionId : factory.randomWord())),
                event -> System.out.println(kind.name().toLowerCase() + " " + amountEth.toPlainString() + " ETH for "
                        + creatorWallet + " written to " + kafka.topics().raw().name() + ", tx " + event.getTxHash()));
    }

    private void produceStellar(StellarTestKind kind) {
        EnvReader env = new EnvReader(System.getenv());
        String contractId = firstOf(stellar.contract, env.optional("TEST_STELLAR_CONTRACT_ID").orElse(null),
                env.list("STELLARSTREAM_CONTRACT_IDS").stream().findFirst().orElse(null));
        if (contractId == null) {
            throw new IllegalArgumentException("no StellarStream contract: pass --stellar-contract, or set "
                    + "TEST_STELLAR_CONTRACT_ID or STELLARSTREAM_CONTRACT_IDS");
        }
        if (kind != StellarTestKind.STREAM && stellar.streamId == null) {
            throw new IllegalArgumentException("--stream-id is required for " + kind.name().toLowerCase(Locale.ROOT));
        }
        StellarTestEvents events = new StellarTestEvents(contractId, StellarTestEvents.networkId(
                env.text("STELLAR_NETWORK_PASSPHRASE", "Test SDF Network ; September 2015")), Clock.systemUTC());
        AtomicReference<String> lastStreamId = new AtomicReference<>();
        burst(() -> {
            StellarTestKind.Request request = stellar.request();
            lastStreamId.set(request.streamId());
            return kind.build(events, request);
        }, event -> System.out.println(kind.name().toLowerCase(Locale.ROOT) + " of stream " + lastStreamId.get()
                + " written to " + kafka.topics().raw().name() + ", event " + event.getEventId()));
    }

    /** Sends {@code count} events at {@code rate}; one event is reported by {@code single}, a burst by its summary. */
    private void burst(Supplier<RawChainEvent> next, Consumer<RawChainEvent> single) {
        try (BurstProducer producer = new BurstProducer(kafka.bootstrapServers(), kafka.topics())) {
            var done = producer.send(count, rate, next, progress -> System.err.print("\r" + progress.line()),
                    Duration.ofMillis(500), event -> {
                        if (count == 1) {
                            single.accept(event);
                        }
                    });
            if (count > 1) {
                System.err.print("\r");
                System.out.println(done.line());
            }
        }
    }

    /** The options of StellarStream kinds; amounts in base units (stroops). */
    static final class StellarOptions {
        @Option(names = "--stream-id", paramLabel = "ID",
                description = "Stellar: the stream, a number or any text such as test-stream-123 (stream: default "
                        + "a fresh test-stream-…; required for withdrawal and cancellation).")
        String streamId;

        @Option(names = "--sender", paramLabel = "ADDRESS", defaultValue = "GDSENDER...",
                description = "Stellar: the stream's sender, a G… address or a placeholder (default ${DEFAULT-VALUE}).")
        String sender;

        @Option(names = "--receiver", paramLabel = "ADDRESS", defaultValue = "GDRECEIVER...",
                description = "Stellar: the stream's receiver (default ${DEFAULT-VALUE}).")
        String receiver;

        @Option(names = "--units", paramLabel = "STROOPS", defaultValue = "1000000000",
                description = "Stellar: the stream's total, or the amount withdrawn (default ${DEFAULT-VALUE}).")
        BigInteger units;

        @Option(names = "--withdrawn-total", paramLabel = "STROOPS",
                description = "Stellar withdrawal: the receiver's total withdrawn after it (default: --units).")
        BigInteger withdrawnTotal;

        @Option(names = "--to-receiver", paramLabel = "STROOPS", defaultValue = "0",
                description = "Stellar cancellation: what went to the receiver (default ${DEFAULT-VALUE}).")
        BigInteger toReceiver;

        @Option(names = "--to-sender", paramLabel = "STROOPS", defaultValue = "0",
                description = "Stellar cancellation: what went back to the sender (default ${DEFAULT-VALUE}).")
        BigInteger toSender;

        @Option(names = "--stellar-contract", paramLabel = "C_ADDRESS",
                description = "StellarStream contract (default: TEST_STELLAR_CONTRACT_ID or the first of "
                        + "STELLARSTREAM_CONTRACT_IDS).")
        String contract;

        StellarTestKind.Request request() {
            String id = streamId != null ? streamId : "test-stream-" + HexFormat.of().toHexDigits(
                    ThreadLocalRandom.current().nextInt());
            return new StellarTestKind.Request(id, sender, receiver, units,
                    withdrawnTotal != null ? withdrawnTotal : units, toReceiver, toSender);
        }
    }

    private static String firstOf(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.trim();
            }
        }
        return null;
    }
}
