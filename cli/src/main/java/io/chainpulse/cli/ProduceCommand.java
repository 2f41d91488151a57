package io.chainpulse.cli;

import io.chainpulse.produce.BurstProducer;
import io.chainpulse.produce.TestEventFactory;
import io.chainpulse.produce.TestEventKind;
import io.chainpulse.produce.TestEventRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Writes test events (origin TEST) straight into the raw topic, so frontends can be built without a chain. */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = {"Write test Droppio events straight into the raw topic (origin TEST), one or a paced burst.",
                "The processor treats them like ingested logs: the creator's wallet must be registered for the tip to "
                        + "reach an overlay (./chainpulse creators add)."})
final class ProduceCommand implements Runnable {
    /** Anvil's second development account: a recognisable default tipper. */
    static final String DEFAULT_TIPPER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

    @Mixin
    KafkaOptions kafka;

    @Parameters(index = "0", paramLabel = "KIND", description = "tip or withdraw.", converter = KindConverter.class)
    TestEventKind kind;

    @Option(names = "--creator", required = true, paramLabel = "WALLET",
            description = "The creator's wallet: the one tipped, or the one withdrawing.")
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

    @Override
    public void run() {
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
        try (BurstProducer producer = new BurstProducer(kafka.bootstrapServers(), kafka.topics())) {
            var done = producer.send(count, rate, () -> factory.build(kind, new TestEventRequest(creatorWallet, from, amountWei,
                            sessionId != null ? sessionId : factory.randomWord())),
                    progress -> System.err.print("\r" + progress.line()), Duration.ofMillis(500),
                    event -> {
                        if (count == 1) {
                            System.out.println(kind.name().toLowerCase() + " " + amountEth.toPlainString() + " ETH for "
                                    + creatorWallet + " written to " + kafka.topics().raw().name() + ", tx " + event.getTxHash());
                        }
                    });
            if (count > 1) {
                System.err.print("\r");
                System.out.println(done.line());
            }
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

    static final class KindConverter implements picocli.CommandLine.ITypeConverter<TestEventKind> {
        @Override
        public TestEventKind convert(String value) {
            try {
                return TestEventKind.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "KIND must be one of " + Arrays.toString(TestEventKind.values()).toLowerCase(Locale.ROOT) + ", was " + value);
            }
        }
    }
}
