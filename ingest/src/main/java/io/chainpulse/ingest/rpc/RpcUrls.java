package io.chainpulse.ingest.rpc;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Hides the secrets an RPC provider puts in its URLs before the URL reaches a log line, a metric, a health answer
 * or an exception message: user and password ({@code https://user:pass@host}), every query value
 * ({@code ?apiKey=…}) and every path segment long enough to be a key or token
 * ({@code https://base-mainnet.g.alchemy.com/v2/KEY}, {@code https://x.quiknode.pro/TOKEN/}). Scheme, host, port
 * and short path segments ({@code /v2}, {@code /soroban/rpc}) stay, so the endpoint can still be recognised.
 */
public final class RpcUrls {
    /** Provider keys are long (Alchemy 32, Infura 32, QuickNode 40, Ankr 64 characters); path words are shorter. */
    private static final int SECRET_SEGMENT_LENGTH = 16;
    private static final Pattern URL = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)?([^/?#]*)([^?#]*)(\\?[^#]*)?(#.*)?$");
    private static final String HIDDEN = "***";

    private RpcUrls() {}

    /** The URL (or comma-separated URLs, as settings list them) with its secrets replaced by {@code ***}; null stays null. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        if (url.contains(",")) {
            return Arrays.stream(url.split(",", -1)).map(RpcUrls::redact).collect(Collectors.joining(","));
        }
        Matcher parts = URL.matcher(url.trim());
        if (!parts.matches()) {
            return HIDDEN;
        }
        String scheme = parts.group(1) == null ? "" : parts.group(1);
        String authority = parts.group(2);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = HIDDEN + authority.substring(at);
        }
        return scheme + authority + path(parts.group(3)) + query(parts.group(4)) + (parts.group(5) == null ? "" : "#" + HIDDEN);
    }

    /**
     * {@code text} (an exception's message, say) with each of {@code urls} written as its redaction, for messages
     * a library wrote that may quote the URL it failed on.
     */
    public static String hideIn(String text, List<String> urls) {
        String hidden = text;
        for (String url : urls) {
            hidden = hidden.replace(url, redact(url));
        }
        return hidden;
    }

    private static String path(String path) {
        return Arrays.stream(path.split("/", -1)).map(RpcUrls::hideLong).collect(Collectors.joining("/"));
    }

    private static String hideLong(String part) {
        return part.length() >= SECRET_SEGMENT_LENGTH ? HIDDEN : part;
    }

    private static String query(String query) {
        if (query == null) {
            return "";
        }
        StringBuilder out = new StringBuilder("?");
        for (String pair : query.substring(1).split("&", -1)) {
            if (out.length() > 1) {
                out.append('&');
            }
            int equals = pair.indexOf('=');
            out.append(equals < 0 ? hideLong(pair) : pair.substring(0, equals + 1) + HIDDEN);
        }
        return out.toString();
    }
}
