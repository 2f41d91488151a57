package io.chainpulse.store;

import java.util.Locale;
import java.util.regex.Pattern;

/** EVM wallet addresses as stored: 0x plus 40 lowercase hex digits. */
public final class Wallets {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    private Wallets() {}

    public static boolean isAddress(String text) {
        return text != null && ADDRESS.matcher(text).matches();
    }

    /** Lowercases a valid address; throws with the value named when it is not one. */
    public static String normalize(String text) {
        if (!isAddress(text)) {
            throw new IllegalArgumentException("not an EVM address (0x + 40 hex digits): " + text);
        }
        return text.toLowerCase(Locale.ROOT);
    }
}
