package io.chainpulse.processor.validate;

import io.chainpulse.schemas.ChainKinds;
import io.chainpulse.schemas.raw.RawChainEvent;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Accepts only Droppio logs from the configured chain and contracts, decodes them, and names the reason for
 * every refusal. Pure and thread-safe.
 */
public final class LogValidator {
    static final String TIP_SENT = "0x90d0d1c278e2812025e0ffbbb2b6a12866b8bfa21446645ba063259a3f48949a";
    static final String WITHDRAW = "0x884edad9ce6fa2440d8a54cc123490eb96d2768479d49ff9c7366125a9424364";
    private static final Pattern WORD = Pattern.compile("0x[0-9a-fA-F]{64}");
    private static final String ADDRESS_PADDING = "000000000000000000000000";

    private final String chainId;
    private final Set<String> contracts;

    public LogValidator(String chainId, Set<String> contracts) {
        this.chainId = chainId;
        this.contracts = Set.copyOf(contracts);
    }

    public Validation validate(RawChainEvent event) {
        if (!ChainKinds.EVM.equals(event.getChain())) {
            return Validation.reject(Rejection.Reason.UNSUPPORTED_CHAIN, "chain " + event.getChain() + " is not handled here");
        }
        if (!chainId.equals(event.getChainId())) {
            return Validation.reject(Rejection.Reason.WRONG_CHAIN,
                    "chain id " + event.getChainId() + " is not the configured " + chainId);
        }
        if (!contracts.contains(event.getContractAddress())) {
            return Validation.reject(Rejection.Reason.UNKNOWN_CONTRACT,
                    "contract " + event.getContractAddress() + " is not a configured Droppio contract");
        }
        List<String> topics = event.getTopics();
        if (topics.isEmpty()) {
            return Validation.reject(Rejection.Reason.UNDECODABLE, "log has no topics");
        }
        String signature = topics.get(0).toLowerCase(Locale.ROOT);
        return switch (signature) {
            case TIP_SENT -> tipSent(topics, event.getData());
            case WITHDRAW -> withdraw(topics, event.getData());
            default -> Validation.reject(Rejection.Reason.UNDECODABLE, "unknown event signature " + signature);
        };
    }

    private Validation tipSent(List<String> topics, String data) {
        if (topics.size() != 3) {
            return Validation.reject(Rejection.Reason.UNDECODABLE, "TipSent needs 3 topics, had " + topics.size());
        }
        if (data == null || !data.matches("0x[0-9a-fA-F]{128}")) {
            return Validation.reject(Rejection.Reason.UNDECODABLE, "TipSent data must be two 32-byte words, was " + abbreviate(data));
        }
        String from = address(topics.get(1));
        String to = address(topics.get(2));
        if (from == null || to == null) {
            return Validation.reject(Rejection.Reason.MALFORMED_ADDRESS, "TipSent from/to topic is not a padded address");
        }
        BigInteger amount = new BigInteger(data.substring(2, 66), 16);
        if (amount.signum() == 0) {
            return Validation.reject(Rejection.Reason.ZERO_AMOUNT, "TipSent amount is zero");
        }
        String sessionId = "0x" + data.substring(66).toLowerCase(Locale.ROOT);
        return new Validation.Accepted(new DecodedLog.TipSent(from, to, amount, sessionId));
    }

    private Validation withdraw(List<String> topics, String data) {
        if (topics.size() != 2) {
            return Validation.reject(Rejection.Reason.UNDECODABLE, "Withdraw needs 2 topics, had " + topics.size());
        }
        if (data == null || !data.matches("0x[0-9a-fA-F]{64}")) {
            return Validation.reject(Rejection.Reason.UNDECODABLE, "Withdraw data must be one 32-byte word, was " + abbreviate(data));
        }
        String creator = address(topics.get(1));
        if (creator == null) {
            return Validation.reject(Rejection.Reason.MALFORMED_ADDRESS, "Withdraw creator topic is not a padded address");
        }
        return new Validation.Accepted(new DecodedLog.Withdraw(creator, new BigInteger(data.substring(2), 16)));
    }

    /** A 32-byte topic holding an address: 12 zero bytes then 20 address bytes; null when malformed. */
    private static String address(String topic) {
        if (topic == null || !WORD.matcher(topic).matches() || !topic.substring(2, 26).equals(ADDRESS_PADDING)) {
            return null;
        }
        return "0x" + topic.substring(26).toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= 20 ? text : text.substring(0, 20) + "… (" + text.length() + " chars)";
    }
}
