package io.chainpulse.cli;

import io.chainpulse.schemas.Topic;
import io.chainpulse.schemas.Topics;
import java.util.LinkedHashMap;
import java.util.Map;

/** The short names operators type ({@code raw}, {@code tips}, ...) mapped onto the typed topic registry. */
final class TopicNames {
    private TopicNames() {}

    static Map<String, Topic<String, ?>> byShortName(Topics topics) {
        Map<String, Topic<String, ?>> names = new LinkedHashMap<>();
        names.put("raw", topics.raw());
        names.put("tips", topics.tips());
        names.put("balances", topics.balances());
        names.put("dead-letters", topics.deadLetters());
        names.put("checkpoints", topics.checkpoints());
        return names;
    }

    /** A short name or a full topic name; an unknown name fails with the list of known ones. */
    static Topic<String, ?> resolve(Topics topics, String name) {
        Map<String, Topic<String, ?>> names = byShortName(topics);
        Topic<String, ?> byShort = names.get(name);
        if (byShort != null) {
            return byShort;
        }
        for (Topic<String, ?> probe : Topics.withPrefix("p").all()) {
            String suffix = probe.name().substring(1);
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                // a full name under another prefix: same topic kind, so the same value schema
                Topics prefixed = Topics.withPrefix(name.substring(0, name.length() - suffix.length()));
                return prefixed.all().stream().filter(candidate -> candidate.name().equals(name)).findFirst().orElseThrow();
            }
        }
        throw new IllegalArgumentException("unknown topic " + name + ": use one of " + names.keySet()
                + " or a full name such as " + topics.raw().name());
    }
}
